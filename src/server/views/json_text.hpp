#pragma once
/// JSON text helpers: a text field on the wire (null when empty, never ""), and a string written
/// as a JSON string into text built by hand.

#include "domain/json_text.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace asamblea::server {

inline nlohmann::json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

/// The domain's (domain/json_text.hpp): the views write live results with it.
using domain::append_json_string;

} // namespace asamblea::server
