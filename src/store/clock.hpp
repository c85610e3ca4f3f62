#pragma once
/// Wall-clock time as the store records it: UTC, ISO 8601 with milliseconds.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace asamblea::store {

/// "2026-02-21T17:00:00.000Z" for the given instant.
std::string format_utc(std::chrono::system_clock::time_point t);

/// format_utc(now).
std::string utc_now();

/// The instant a format_utc text names (milliseconds optional), or nullopt for any other text.
std::optional<std::chrono::system_clock::time_point> parse_utc(std::string_view text);

} // namespace asamblea::store
