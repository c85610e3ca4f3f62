#pragma once
/// Scheduled times: the coordinator types a wall-clock time in America/Mexico_City and the store
/// keeps UTC. Mexico City has had no daylight saving since October 2022, so from 2023 on it is
/// always UTC−6.

#include "domain/error.hpp"

#include <string>
#include <string_view>

namespace asamblea::domain {

/// The first year the fixed UTC−6 rule covers; earlier dates are refused.
inline constexpr int first_schedule_year = 2023;
inline constexpr int last_schedule_year = 2100;

/// "2026-02-21T11:00" (seconds optional) in Mexico City → "2026-02-21T17:00:00.000Z".
result<std::string> mexico_city_to_utc(std::string_view local,
                                       std::string_view field = "local_datetime");

/// A UTC instant "2026-02-21T17:00Z" (seconds and milliseconds optional) in the canonical form
/// "2026-02-21T17:00:00.000Z".
result<std::string> normalize_utc_timestamp(std::string_view text,
                                            std::string_view field = "scheduled_at");

} // namespace asamblea::domain
