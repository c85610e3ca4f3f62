#pragma once
/// JSON text helpers: a text field on the wire (null when empty, never ""), and a string written
/// as a JSON string into text built by hand.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace asamblea::server {

inline nlohmann::json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

/// Appends `text` as a JSON string: quotes, backslashes and control characters escaped, the
/// rest (UTF-8) as it is, as nlohmann::json's dump writes it.
inline void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace asamblea::server
