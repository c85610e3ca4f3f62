#pragma once
/// Text in and out of SQL: nullable text columns and LIKE patterns.

#include <SQLiteCpp/Statement.h>

#include <string>
#include <string_view>

namespace asamblea::store {

/// Column `i` as text, empty when NULL.
inline std::string text_or_empty(SQLite::Statement& q, int i) {
    return q.getColumn(i).isNull() ? std::string() : q.getColumn(i).getString();
}

/// A LIKE pattern that finds `text` anywhere (with ESCAPE '\'): LIKE treats % and _ as
/// wildcards; people searching for them mean the characters.
inline std::string like_pattern(std::string_view text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "%";
}

} // namespace asamblea::store
