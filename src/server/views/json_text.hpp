#pragma once
/// A text field on the wire: null when empty, never "". (Strings written into text built by
/// hand: text/json_text.hpp.)

#include <nlohmann/json.hpp>

#include <string>

namespace asamblea::server {

inline nlohmann::json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

} // namespace asamblea::server
