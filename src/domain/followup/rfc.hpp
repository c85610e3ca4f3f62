#pragma once
/// The Mexican RFC (Registro Federal de Contribuyentes) of a supplier or an invoice's issuer:
/// its shape and its check digit.

#include "domain/error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace asamblea::domain {

/// What check_rfc found. The check digit is only meaningful when the RFC is well formed.
struct rfc_check {
    bool well_formed = false;
    bool check_digit_ok = false;
    bool persona_moral = false; // 12 characters (a company); 13 is a persona física
};

/// The RFC as stored and compared: ASCII spaces, tabs and hyphens removed (people type
/// "EKU-900317-3C9"), ASCII letters upper-cased, "ñ" and "Ñ" kept as the UTF-8 "Ñ", '&' kept.
/// nullopt when nothing is left or another character appears.
std::optional<std::string> normalize_rfc(std::string_view text);

/// Checks a normalized RFC: 3 (moral) or 4 (física) letters from A–Z, & and Ñ, a valid YYMMDD
/// date, and a 3-character homoclave from A–Z and 0–9 whose last character is the check digit
/// (SAT's rule: ../shared/cfdi/README.md, Ñ counting as one character).
rfc_check check_rfc(std::string_view normalized);

/// Invalid rfc_invalid (field "rfc") unless `text` normalizes to a well-formed RFC. A wrong
/// check digit is not an error: some genuine RFCs fail it, so the caller only warns.
status check_rfc_input(std::string_view text);

} // namespace asamblea::domain
