#pragma once
/// The explicit limits of one WebSocket connection.

#include <chrono>
#include <cstddef>

namespace asamblea::server {

struct ws_limits {
    std::size_t max_message_bytes = 16 * 1024; // larger incoming messages close the socket (1009)
    std::size_t soft_queue = 32;               // past this, queued snapshots collapse to the newest
    std::size_t hard_queue = 256; // past this, or past hard_queue_bytes, drop the client
    std::size_t hard_queue_bytes = 4 * 1024 * 1024;
    std::chrono::seconds handshake_timeout{10};
    std::chrono::seconds idle_timeout{60};  // pings keep a live client open; a dead one is closed
    std::chrono::seconds hello_timeout{15}; // a socket that never says hello is closed
    std::chrono::seconds close_timeout{2};  // our close frame sent, the client's awaited this long
};

} // namespace asamblea::server
