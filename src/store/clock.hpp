#pragma once
/// Wall-clock time as the store records it: UTC, ISO 8601 with milliseconds.

#include <chrono>
#include <string>

namespace asamblea::store {

/// "2026-02-21T17:00:00.000Z" for the given instant.
std::string format_utc(std::chrono::system_clock::time_point t);

/// format_utc(now).
std::string utc_now();

} // namespace asamblea::store
