#pragma once
/// Check-in rules for an attendee: a name, an identifier (such as the afiliación number), sex, and
/// the moderator's confirmation that the person is an adult.

#include "domain/error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace asamblea::domain {

/// Recorded for parity and statistics.
enum class sex { mujer, hombre, otro };

std::string_view to_string(sex s);
std::optional<sex> parse_sex(std::string_view text);

/// A checked registration, ready to store (the identifier still in clear: hash it before storing).
struct new_attendee {
    std::string nombre;
    std::string identifier;
    domain::sex sexo = sex::otro;
};

inline constexpr std::size_t max_nombre_chars = 120;
inline constexpr std::size_t max_identifier_chars = 40;

/// Trims, upper-cases and drops every space: " ab 12-3 " → "AB12-3". Letters (with Ñ), digits
/// and - . / are allowed; 3 to max_identifier_chars characters.
result<std::string> normalize_identifier(std::string_view text);

/// Trims and collapses spaces; 2 to max_nombre_chars characters.
result<std::string> normalize_nombre(std::string_view text);

/// Checks a whole registration; refuses anyone the moderator did not confirm as an adult.
result<new_attendee> check_new_attendee(std::string_view nombre, std::string_view identifier,
                                        std::string_view sexo, bool adult_confirmed);

} // namespace asamblea::domain
