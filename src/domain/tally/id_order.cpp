#include "domain/tally/id_order.hpp"

#include <algorithm>

namespace asamblea::domain {

bool is_numeric_id(std::string_view id) {
    return !id.empty() &&
           std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int compare_ids(std::string_view a, std::string_view b) {
    const bool na = is_numeric_id(a);
    const bool nb = is_numeric_id(b);
    if (na != nb)
        return na ? -1 : 1;
    if (na) {
        // Compare digit strings without converting, so ids longer than any integer type still work.
        std::string_view sa = a.substr(std::min(a.find_first_not_of('0'), a.size()));
        std::string_view sb = b.substr(std::min(b.find_first_not_of('0'), b.size()));
        if (sa.size() != sb.size())
            return sa.size() < sb.size() ? -1 : 1;
        if (int c = sa.compare(sb); c != 0)
            return c < 0 ? -1 : 1;
    }
    int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

void sort_ids(std::vector<std::string>& ids) {
    std::sort(ids.begin(), ids.end(), id_less{});
}

} // namespace asamblea::domain
