#pragma once
/// The one order for project and candidate ids: numeric ids as numbers, anything else as text.

#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

/// True when the id is one or more ASCII digits.
bool is_numeric_id(std::string_view id);

/// Three-way comparison: two numeric ids compare by value ("9" < "10"), two other ids byte-wise
/// ("c10" < "c2"). Byte order and number order together are not transitive ("10" < "2a" < "9" <
/// "10"), so a numeric id sorts before any other id; numerically equal ids such as "07" and "7"
/// fall back to bytes so the order stays total.
int compare_ids(std::string_view a, std::string_view b);

/// Strict weak order for std::sort and friends.
struct id_less {
    bool operator()(std::string_view a, std::string_view b) const { return compare_ids(a, b) < 0; }
};

/// Sorts ids into the order results are listed in.
void sort_ids(std::vector<std::string>& ids);

} // namespace asamblea::domain
