#pragma once
/// The tie rule shared by every budget rule: lower cost, then more approvals, then smaller id.

#include "domain/tally/id_order.hpp"

#include <cstdint>
#include <string_view>

namespace asamblea::domain {

/// Which criterion of the tie rule separated two tied projects.
enum class tie_criterion { lower_cost, more_approvals, smaller_id };

/// What the tie rule looks at.
struct tie_key {
    std::int64_t cost = 0;
    std::int64_t approvals = 0;
    std::string_view id;
};

/// True when `a` goes before `b`; `decided_by`, when given, receives the criterion that decided.
inline bool wins_tie(const tie_key& a, const tie_key& b, tie_criterion* decided_by = nullptr) {
    auto decide = [&](tie_criterion c, bool result) {
        if (decided_by != nullptr)
            *decided_by = c;
        return result;
    };
    if (a.cost != b.cost)
        return decide(tie_criterion::lower_cost, a.cost < b.cost);
    if (a.approvals != b.approvals)
        return decide(tie_criterion::more_approvals, a.approvals > b.approvals);
    return decide(tie_criterion::smaller_id, compare_ids(a.id, b.id) < 0);
}

} // namespace asamblea::domain
