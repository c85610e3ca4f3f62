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

/// The condition that a clinic (its CLUES in `column`) is still this database's: a clinic moved
/// to another shard keeps its rows here as a frozen archive (clinic_moves, `clinic-export`), and
/// the listings and national reads leave it out so a fleet counts it once, on its new shard.
inline std::string not_moved_out(std::string_view column) {
    return "NOT EXISTS (SELECT 1 FROM clinic_moves mo WHERE mo.clues = " + std::string(column) +
           " AND mo.direction = 'out')";
}

} // namespace asamblea::store
