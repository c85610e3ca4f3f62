#pragma once
/// JSON text helpers: a text field on the wire (null when empty, never ""), and a string written
/// as a JSON string into text built by hand.

#include "text/json_text.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace asamblea::server {

inline nlohmann::json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

/// src/text's: the views write live results and acks with it.
using text::append_json_string;

} // namespace asamblea::server
