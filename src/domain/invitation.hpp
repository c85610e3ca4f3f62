#pragma once
/// COSABI invitations: the one-time code that lets an elected member create a committee login,
/// how long it lasts, and when it can still be claimed.

#include "domain/error.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace asamblea::domain {

/// How long an invitation code can be claimed after it is issued: long enough to reach a
/// member who was not at the table, short enough that a lost paper slip stops being useful.
inline constexpr std::chrono::hours invitation_lifetime{24 * 7};

/// Committee invitation codes: 12 symbols of the credential alphabet (60 bits), shown as
/// XXXX-XXXX-XXXX and typed back leniently.
inline constexpr std::size_t invitation_code_length = 12;
std::string make_invitation_code(std::span<const unsigned char, invitation_code_length> random);
std::optional<std::string> parse_invitation_code(std::string_view text);
std::string display_invitation_code(std::string_view code);

/// Whether an invitation can still be claimed at `now` (UTC ISO 8601, like `expires_at`, so they
/// compare as text): conflict invitation_used when it is no longer `open` (claimed, replaced, or
/// its member replaced), invitation_expired once its lifetime has ended; an unknown expiry fails
/// closed.
status check_claimable(bool open, std::string_view expires_at, std::string_view now);

} // namespace asamblea::domain
