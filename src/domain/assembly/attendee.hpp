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
/// An empty identifier means the desk did not ask for one: the name is then the person's key.
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

/// Checks a whole registration; refuses anyone the moderator did not confirm as an adult. The
/// identifier is optional (blank means none); when given it must be a valid one.
result<new_attendee> check_new_attendee(std::string_view nombre, std::string_view identifier,
                                        std::string_view sexo, bool adult_confirmed);

/// What makes a person unique in an assembly (hash it before storing): the identifier, or
/// without one, the folded name ("nombre:maria lopez"), which no identifier can spell.
std::string attendee_key(const new_attendee& person);

/// The refusal of a second registration, naming the first one: its name and the local time it
/// was registered ("11:05 h", America/Mexico_City, fixed UTC−6). `by_name` says the name matched
/// (the new person had no identifier), otherwise the identifier did.
error duplicate_attendee(std::string_view other_nombre, std::string_view other_registered_at_utc,
                         bool by_name);

} // namespace asamblea::domain
