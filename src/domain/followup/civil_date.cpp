#include "domain/followup/civil_date.hpp"

#include <chrono>

namespace asamblea::domain {

std::optional<int> parse_civil_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    int parts[3] = {0, 0, 0};
    int part = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i == 4 || i == 7) {
            ++part;
            continue;
        }
        if (text[i] < '0' || text[i] > '9')
            return std::nullopt;
        parts[part] = parts[part] * 10 + (text[i] - '0');
    }
    using namespace std::chrono;
    year_month_day ymd{year{parts[0]}, month{static_cast<unsigned>(parts[1])},
                       day{static_cast<unsigned>(parts[2])}};
    if (parts[0] < 1900 || !ymd.ok())
        return std::nullopt;
    return static_cast<int>(sys_days{ymd}.time_since_epoch().count());
}

} // namespace asamblea::domain
