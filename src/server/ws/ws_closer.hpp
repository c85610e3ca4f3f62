#pragma once
/// What the server keeps of an open WebSocket, whichever stream it runs over (plain or TLS):
/// the way to close it on shutdown. server_core tracks these, so it needs no template.

namespace asamblea::server {

class ws_closer {
public:
    virtual ~ws_closer() = default;
    /// Closes with 1001 (going away); safe from any thread.
    virtual void close_going_away() = 0;
    /// Closes with 1008 (policy violation); safe from any thread.
    virtual void close_policy_violation() = 0;
};

} // namespace asamblea::server
