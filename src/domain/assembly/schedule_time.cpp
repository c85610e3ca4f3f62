#include "domain/assembly/schedule_time.hpp"

#include <chrono>
#include <cstdio>
#include <optional>

namespace asamblea::domain {
namespace {

using namespace std::chrono;

constexpr hours mexico_city_offset{6}; // UTC = local + 6 h

std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size())
        return std::nullopt;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// Parses "YYYY-MM-DDTHH:MM[:SS[.fff]]" and returns the instant as if it were UTC, plus what is
// left of the text (the zone designator, if any).
std::optional<std::pair<sys_time<milliseconds>, std::string_view>>
parse_wall_clock(std::string_view s) {
    auto y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
    auto h = digits(s, 11, 2), mi = digits(s, 14, 2);
    if (!y || !mo || !d || !h || !mi || s[4] != '-' || s[7] != '-' ||
        (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
        return std::nullopt;
    year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
    if (!ymd.ok() || *h > 23 || *mi > 59)
        return std::nullopt;
    std::size_t pos = 16;
    int sec = 0;
    int ms = 0;
    if (pos < s.size() && s[pos] == ':') {
        auto sv = digits(s, pos + 1, 2);
        if (!sv || *sv > 59)
            return std::nullopt;
        sec = *sv;
        pos += 3;
        if (pos < s.size() && s[pos] == '.') {
            std::size_t n = 0;
            int scale = 100;
            for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++n) {
                ms += (s[pos] - '0') * scale;
                scale /= 10;
            }
            if (n == 0 || n > 3)
                return std::nullopt;
        }
    }
    sys_time<milliseconds> t =
        sys_days{ymd} + hours{*h} + minutes{*mi} + seconds{sec} + milliseconds{ms};
    return std::pair{t, s.substr(pos)};
}

std::string format(sys_time<milliseconds> t) {
    auto day_point = floor<days>(t);
    year_month_day ymd{day_point};
    hh_mm_ss<milliseconds> tod{t - day_point};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(tod.hours().count()),
                  int(tod.minutes().count()), int(tod.seconds().count()),
                  int(tod.subseconds().count()));
    return buf;
}

error bad_time(std::string_view field, std::string message) {
    return {error_kind::invalid, "invalid_datetime", std::move(message), std::string(field), 0};
}

bool year_in_range(sys_time<milliseconds> t) {
    int y = int(year_month_day{floor<days>(t)}.year());
    return y >= first_schedule_year && y <= last_schedule_year;
}

std::string range_message() {
    return "La fecha debe estar entre " + std::to_string(first_schedule_year) + " y " +
           std::to_string(last_schedule_year) + ".";
}

} // namespace

result<std::string> mexico_city_to_utc(std::string_view local, std::string_view field) {
    auto parsed = parse_wall_clock(local);
    if (!parsed || !parsed->second.empty())
        return std::unexpected(
            bad_time(field, "La fecha y hora deben tener la forma AAAA-MM-DDTHH:MM, por ejemplo "
                            "2026-02-21T11:00, y ser una fecha que exista."));
    if (!year_in_range(parsed->first))
        return std::unexpected(bad_time(field, range_message()));
    return format(parsed->first + mexico_city_offset);
}

result<std::string> normalize_utc_timestamp(std::string_view text, std::string_view field) {
    auto parsed = parse_wall_clock(text);
    if (!parsed || parsed->second != "Z")
        return std::unexpected(
            bad_time(field, "La fecha debe estar en UTC con la forma AAAA-MM-DDTHH:MM:SS.sssZ, "
                            "por ejemplo 2026-02-21T17:00:00.000Z."));
    if (!year_in_range(parsed->first))
        return std::unexpected(bad_time(field, range_message()));
    return format(parsed->first);
}

} // namespace asamblea::domain
