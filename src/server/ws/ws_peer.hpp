#pragma once
/// What the protocol knows about one WebSocket connection; touched only on that connection's
/// strand.

#include "server/auth/voter_auth.hpp"
#include "server/rooms/subscriber.hpp"

#include <cstdint>
#include <functional>
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
    std::function<void()> close;   // ends the connection (policy violation)
    bool greeted = false;          // hello received
    int refused = 0;               // malformed messages so far; too many closes the socket
    std::optional<server::voter> voter;
    std::shared_ptr<server::room> room;
};

} // namespace asamblea::server
