#pragma once
/// What the server keeps of an open WebSocket, whichever stream it runs over (plain or TLS):
/// the way to close it on shutdown, and when it was last heard from, for the idle sweep
/// (ws/idle_sweep). server_core tracks these, so it needs no template.

#include <atomic>
#include <cstdint>

namespace asamblea::server {

class ws_closer {
public:
    virtual ~ws_closer() = default;
    /// Closes with 1001 (going away); safe from any thread.
    virtual void close_going_away() = 0;
    /// Sends a WebSocket ping, which a live client answers; safe from any thread.
    virtual void ping_idle() = 0;
    /// Drops the socket without a close handshake (a silent client would not answer one), as
    /// Beast's own idle time-out did; safe from any thread.
    virtual void drop_idle() = 0;

    /// The coarse clock (ws/idle_sweep's coarse_now_ms) when the client last sent anything: a
    /// message, a piece of one, a ping or a pong. Written on the connection's strand, read by
    /// the sweep without posting to the connection.
    std::atomic<std::uint32_t> heard_ms{0};
    /// Whether the sweep pinged since the client was last heard (one ping per silence).
    std::atomic<bool> pinged{false};
};

} // namespace asamblea::server
