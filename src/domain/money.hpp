#pragma once
/// Money is always an integer number of centavos; these helpers parse and print it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace asamblea::domain {

using centavos = std::int64_t;

/// Parses "1234", "1234.5", "1,234.50" or "$1,234.50" as pesos; nullopt when malformed or negative.
std::optional<centavos> parse_pesos(std::string_view text);

/// Formats as es-MX currency: 123456 -> "$1,234.56".
std::string format_pesos(centavos amount);

} // namespace asamblea::domain
