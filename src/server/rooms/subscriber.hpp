#pragma once
/// Something a room can push serialized messages to (a WebSocket session), without knowing Beast.

#include <memory>
#include <string>

namespace asamblea::server {

class subscriber {
public:
    virtual ~subscriber() = default;
    /// Queues a message; `replaceable` ones (snapshots) may be collapsed for a slow client.
    /// Safe to call from any thread.
    virtual void deliver(std::shared_ptr<const std::string> message, bool replaceable) = 0;
};

} // namespace asamblea::server
