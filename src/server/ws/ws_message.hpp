#pragma once
/// A WebSocket text frame read into the message it is: JSON with a string "type", checked against
/// schemas/ws_<type>.json, then its fields read into a typed value. Pure (no room, no socket), so
/// the fuzz target (fuzz/ws_message.cpp) calls exactly what the server does.

#include "domain/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace asamblea::server {

class schema_registry;

struct ping_message {};

struct hello_message {
    std::optional<std::string> credential; // a voter's code
    std::optional<std::string> token;      // a staff session (when there is no credential)
    std::uint64_t version = 0;             // the snapshot the client already holds
    // A phone back after a disconnect that still holds an unacknowledged ballot.
    std::int64_t pending_round_id = 0;
    std::string pending_ballot_id;
    bool hidden = false; // the page is hidden already (a phone reconnecting in the background)
};

/// The page was hidden or shown again (the browser's visibility API).
struct visibility_message {
    bool hidden = false;
};

struct ballot_message {
    std::string ballot_id;
    std::int64_t round_id = 0;
    std::vector<std::string> choices;
};

using ws_message = std::variant<ping_message, hello_message, ballot_message, visibility_message>;

/// The message in `text`, or why it is refused (bad_message, unknown_type, or the schema's
/// error naming the field).
domain::result<ws_message> read_ws_message(const schema_registry& schemas, std::string_view text);

} // namespace asamblea::server
