#pragma once
/// Character helpers the parsers share (CSV fields, pabulib lines, CFDI attributes, dates).

#include <string_view>

namespace asamblea::domain {

/// `s` without spaces, tabs and carriage returns at either end (a line from a file written on
/// Windows keeps its '\r' until here).
constexpr std::string_view trim_blanks(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!s.empty() && blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && blank(s.back()))
        s.remove_suffix(1);
    return s;
}

/// An ASCII digit; std::isdigit depends on the locale and takes an int.
constexpr bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

} // namespace asamblea::domain
