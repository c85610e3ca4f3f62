#pragma once
/// Greedy by approvals: the `greedy` rule and the completion step of `mes-add1-greedy`.

#include "domain/tally/budget_election.hpp"
#include "domain/tally/budget_tally.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace asamblea::domain::detail {

/// What greedy continues from: what is already funded and the money left.
struct greedy_state {
    std::vector<bool> selected;
    std::int64_t left = 0;
    std::size_t next_order = 1;
};

/// Considers every supported, not yet funded project, most approvals first (cost-free ones before
/// all, ties by the tie rule), funds it when it fits in the money left, and writes its explanation.
/// Projects without votes are never funded.
void greedy_fill(const budget_election& election, std::span<const std::int64_t> approvals,
                 greedy_state& state, selection_stage stage, std::vector<project_explanation>& out);

} // namespace asamblea::domain::detail
