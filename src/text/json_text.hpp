#pragma once
/// JSON text written by hand where a JSON tree would cost more than the work around it: a
/// string as nlohmann::json's dump() writes it. Header-only, standard library only, in a folder
/// of its own because two layers write such text byte for byte as dump() would: the views (live
/// results, a ballot's ack) and the store (a ballot's row and its event in the audit chain,
/// whose canonical text is hashed and must never change); the domain writes no JSON.

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::text {

/// Appends `text` as a JSON string: quotes, backslashes and control characters escaped, the
/// rest (UTF-8) as it is, as nlohmann::json's dump writes it. Runs that need no escape (nearly
/// all of a text) go in with one append: a character at a time, a live result's 2 KB took
/// nearly as many instructions as its tally (issue 19).
inline void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    // One look-up a byte: control characters, the quote and the backslash need an escape.
    static constexpr auto escaped = [] {
        std::array<bool, 256> t{};
        for (int c = 0; c < 0x20; ++c)
            t[c] = true;
        t['"'] = t['\\'] = true;
        return t;
    }();
    auto plain = [](char c) { return !escaped[static_cast<unsigned char>(c)]; };
    out += '"';
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t run = i;
        while (run < text.size() && plain(text[run]))
            ++run;
        out.append(text.data() + i, run - i);
        if (run == text.size())
            break;
        char c = text[run];
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
        default: {
            auto u = static_cast<unsigned char>(c);
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 0xf];
        }
        }
        i = run + 1;
    }
    out += '"';
}

/// Appends `items` as a JSON array of strings, as dump() writes it (no spaces).
inline void append_json_string_array(std::string& out, const std::vector<std::string>& items) {
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += ',';
        append_json_string(out, items[i]);
    }
    out += ']';
}

} // namespace asamblea::text
