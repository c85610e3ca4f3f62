#pragma once
/// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, an optional UTF-8 BOM.

#include "domain/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

/// One record with the line number (1-based) where it starts.
struct csv_record {
    std::size_t line = 0;
    std::vector<std::string> fields;
};

/// Splits text into records; blank lines are skipped. Fails (naming the line) on an unclosed quote.
result<std::vector<csv_record>> parse_csv(std::string_view text, char separator = ',');

/// True when the bytes are well-formed UTF-8.
bool valid_utf8(std::string_view text);

} // namespace asamblea::domain
