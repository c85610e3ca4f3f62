#pragma once
/// The explicit limits of one WebSocket connection.

#include <chrono>
#include <cstddef>

namespace asamblea::server {

struct ws_limits {
    std::size_t max_message_bytes = 16 * 1024; // larger incoming messages close the socket (1009)
    // From this many queued (one being written, one waiting), a newer snapshot replaces the
    // snapshots waiting: a reader that falls behind (a projector on a busy link, a load
    // generator short of CPU) gets the newest count next, not a backlog of old ones (with 32,
    // a burst's projector lag p99 was about a second).
    std::size_t soft_queue = 2;
    std::size_t hard_queue = 256; // past this, or past hard_queue_bytes, drop the client
    std::size_t hard_queue_bytes = 4 * 1024 * 1024;
    std::chrono::seconds handshake_timeout{10};
    // The idle sweep (ws/idle_sweep) pings a socket it has heard nothing from for half of this,
    // and closes it after the whole. The page pings by itself after 50 s in which nothing
    // arrived; a phone that keeps getting progress messages says nothing, and answers the
    // sweep's ping from the browser itself. A dead one is closed within two minutes.
    std::chrono::seconds idle_timeout{120};
    std::chrono::seconds hello_timeout{15}; // a socket that never says hello is closed
    std::chrono::seconds close_timeout{2};  // our close frame sent, the client's awaited this long
};

} // namespace asamblea::server
