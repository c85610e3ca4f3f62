#include "store/clock.hpp"

#include <cstdio>
#include <ctime>

namespace asamblea::store {

std::string format_utc(std::chrono::system_clock::time_point t) {
    auto since = t.time_since_epoch();
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(since);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(since - secs).count();
    std::time_t tt = static_cast<std::time_t>(secs.count());
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms < 0 ? 0 : ms));
    return buf;
}

std::string utc_now() {
    return format_utc(std::chrono::system_clock::now());
}

std::optional<std::chrono::system_clock::time_point> parse_utc(std::string_view text) {
    // "YYYY-MM-DDTHH:MM:SS" then ".mmm" or nothing, then "Z": 20 or 24 characters.
    if (text.size() != 20 && text.size() != 24)
        return std::nullopt;
    const std::string s(text);
    std::tm tm{};
    int ms = 0, used = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &used) != 6 ||
        used != 19)
        return std::nullopt;
    if (s.size() == 24 && (s[19] != '.' || std::sscanf(s.c_str() + 20, "%3d%n", &ms, &used) != 1 ||
                           used != 3 || ms < 0))
        return std::nullopt;
    if (s.back() != 'Z' || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
        tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    std::time_t secs = timegm(&tm);
    return std::chrono::system_clock::from_time_t(secs) + std::chrono::milliseconds(ms);
}

} // namespace asamblea::store
