#pragma once
/// Cleans free text typed by people: trimmed, valid UTF-8, no control characters, bounded length.

#include "domain/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace asamblea::domain {

/// How a text field is checked; `subject` names it in Spanish messages ("el nombre").
struct text_rule {
    std::string_view field;
    std::string_view subject;
    std::size_t min_chars = 1;
    std::size_t max_chars = 200;
    bool multiline = false; // keeps line breaks (descriptions); otherwise runs of spaces collapse
};

/// Longest reason, in characters (a rejection, a stop, a note): a paragraph, enough to explain,
/// short enough for a phone.
inline constexpr std::size_t max_reason_chars = 500;

/// The cleaned text, or an invalid error naming the field.
result<std::string> clean_text(std::string_view text, const text_rule& rule);

/// Number of code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view text);

} // namespace asamblea::domain
