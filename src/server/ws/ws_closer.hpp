#pragma once
/// What the server keeps of an open WebSocket, whichever stream it runs over (plain or TLS):
/// the way to close it on shutdown, and to look at its silence (idle_sweep). server_core tracks
/// these, so it needs no template.

#include <chrono>

namespace asamblea::server {

class ws_closer {
public:
    virtual ~ws_closer() = default;
    /// Closes with 1001 (going away); safe from any thread.
    virtual void close_going_away() = 0;
    /// Closes with 1008 (policy violation); safe from any thread.
    virtual void close_policy_violation() = 0;
    /// Pings or closes the connection if it has been silent long enough (idle_rule); safe from
    /// any thread, and posts nothing for one heard from within 3/4 of the idle time-out.
    virtual void check_idle(std::chrono::steady_clock::time_point now) = 0;
};

} // namespace asamblea::server
