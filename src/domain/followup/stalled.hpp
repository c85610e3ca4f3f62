#pragma once
/// Stalled works: a work item that has not moved between states for a number of days while it
/// still waits for a move (anything but verificado and cancelado).

#include "domain/followup/work_state.hpp"

#include <optional>
#include <string_view>

namespace asamblea::domain {

/// The threshold the national view uses unless asked for another: 60 days.
constexpr int default_stalled_days = 60;
/// The thresholds a reader may ask for: 1 to 730 days (two years).
constexpr int min_stalled_days = 1;
constexpr int max_stalled_days = 730;

/// Whole days from the work's last move, a stored UTC time "YYYY-MM-DDTHH:MM:SS…Z", to `today`
/// ("YYYY-MM-DD" in Mexico City); the move's day is taken in Mexico City too (UTC−6), so a move
/// at 03:00 UTC counts on the day before. Never negative (a move "after" today is 0 days ago);
/// nullopt when either text is not a date.
std::optional<int> idle_days(std::string_view last_move_utc, std::string_view today);

/// Stalled: not in a final state (is_closed) and idle `threshold` days or more.
bool is_stalled(work_state state, int idle, int threshold);

} // namespace asamblea::domain
