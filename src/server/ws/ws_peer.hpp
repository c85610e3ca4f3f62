#pragma once
/// What the protocol knows about one WebSocket connection; touched only on that connection's
/// strand.

#include "server/auth/voter_auth.hpp"
#include "server/rooms/subscriber.hpp"
#include "server/ws/ws_closer.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace asamblea::server {

class room;

struct ws_peer {
    std::uint64_t id = 0; // unique in the process: the room's key for this connection
    std::string clues;
    std::string remote;            // client address, for throttling code guesses
    std::weak_ptr<subscriber> out; // where replies go
    // Ends the connection (policy violation); a weak pointer rather than a std::function, whose
    // capture would be one more allocation per connection.
    std::weak_ptr<ws_closer> closer;
    bool greeted = false; // hello received
    int refused = 0;      // malformed messages so far; too many closes the socket
    std::optional<server::voter_ids> voter;
    std::shared_ptr<server::room> room;

    void close() const {
        if (auto c = closer.lock())
            c->close_policy_violation();
    }
};

} // namespace asamblea::server
