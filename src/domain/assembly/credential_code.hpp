#pragma once
/// Voter credential codes: 8 characters that are easy to read aloud (no 0/O, no 1/I), shown as
/// XXXX-XXXX and typed back leniently. Committee invitations (committee.hpp) use the same alphabet.

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace asamblea::domain {

/// 32 symbols, so each one carries exactly 5 bits and a random byte maps to one without bias.
inline constexpr std::string_view credential_alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr std::size_t credential_code_length = 8;

/// One symbol of the alphabet per random byte supplied by the caller (the domain does no I/O).
std::string make_alphabet_code(std::span<const unsigned char> random);

/// The canonical `length`-symbol code from what a person typed: case, spaces and dashes do not
/// matter; nullopt when it is not `length` symbols of the alphabet.
std::optional<std::string> parse_alphabet_code(std::string_view text, std::size_t length);

/// A code built from random bytes supplied by the caller (the domain does no I/O).
std::string make_credential_code(std::span<const unsigned char, credential_code_length> random);

/// The canonical code from what a person typed: case, spaces and dashes do not matter; nullopt
/// when it is not 8 symbols of the alphabet.
std::optional<std::string> parse_credential_code(std::string_view text);

/// "K7P4M2Q9" → "K7P4-M2Q9".
std::string display_credential_code(std::string_view code);

} // namespace asamblea::domain
