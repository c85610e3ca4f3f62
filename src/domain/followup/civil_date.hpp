#pragma once
/// Calendar dates written YYYY-MM-DD, as day numbers so they can be compared and subtracted.

#include <optional>
#include <string_view>

namespace asamblea::domain {

/// Days since 1970-01-01 of a valid "YYYY-MM-DD" date (years 1900–9999; 30 February and the like
/// refused); nullopt otherwise.
std::optional<int> parse_civil_date(std::string_view text);

} // namespace asamblea::domain
