#include "domain/followup/stalled.hpp"

#include "domain/followup/civil_date.hpp"

namespace asamblea::domain {

std::optional<int> idle_days(std::string_view last_move_utc, std::string_view today) {
    if (last_move_utc.size() < 13 || last_move_utc[10] != 'T')
        return std::nullopt;
    auto day = parse_civil_date(last_move_utc.substr(0, 10));
    auto now = parse_civil_date(today);
    char h1 = last_move_utc[11], h2 = last_move_utc[12];
    if (!day || !now || h1 < '0' || h1 > '2' || h2 < '0' || h2 > '9')
        return std::nullopt;
    int hour = (h1 - '0') * 10 + (h2 - '0');
    if (hour > 23)
        return std::nullopt;
    // Mexico City has kept UTC−6 all year since 2022.
    int local_day = *day - (hour < 6 ? 1 : 0);
    int idle = *now - local_day;
    return idle < 0 ? 0 : idle;
}

bool is_stalled(work_state state, int idle, int threshold) {
    return !is_closed(state) && idle >= threshold;
}

} // namespace asamblea::domain
