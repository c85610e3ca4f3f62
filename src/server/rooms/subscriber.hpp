#pragma once
/// Something a room can push serialized messages to (a WebSocket session), without knowing Beast.

#include "server/rooms/push_kind.hpp"

#include <atomic>
#include <memory>
#include <string>

namespace asamblea::server {

class subscriber {
public:
    virtual ~subscriber() = default;
    /// Queues a message; snapshots and progress messages may be collapsed for a slow client
    /// (push_kind). Safe to call from any thread.
    virtual void deliver(std::shared_ptr<const std::string> message, push_kind kind) = 0;

    /// The phone's page is hidden (its `visibility` message, or its hello): the room pushes
    /// nothing to a hidden voter. Set on the connection's strand, read by the room at fan-out
    /// time, so a flag rather than a message to the room per push.
    bool hidden() const { return hidden_.load(std::memory_order_relaxed); }
    void set_hidden(bool hidden) { hidden_.store(hidden, std::memory_order_relaxed); }

private:
    std::atomic<bool> hidden_{false};
};

} // namespace asamblea::server
