#include "domain/tally/budget_greedy.hpp"

#include <algorithm>

namespace asamblea::domain::detail {

void greedy_fill(const budget_election& election, std::span<const std::int64_t> approvals,
                 greedy_state& state, selection_stage stage,
                 std::vector<project_explanation>& out) {
    const auto& projects = election.projects;
    auto key = [&](std::uint32_t p) {
        return tie_key{projects[p].cost, approvals[p], projects[p].id};
    };
    // With cost utilities the welfare per peso of a project is its approval count; a free project's
    // is infinite. Equal densities are a tie.
    auto same_density = [&](std::uint32_t a, std::uint32_t b) {
        bool free_a = projects[a].cost == 0;
        bool free_b = projects[b].cost == 0;
        return free_a == free_b && (free_a || approvals[a] == approvals[b]);
    };
    auto denser = [&](std::uint32_t a, std::uint32_t b) {
        bool free_a = projects[a].cost == 0;
        bool free_b = projects[b].cost == 0;
        if (free_a != free_b)
            return free_a;
        return !free_a && approvals[a] > approvals[b];
    };

    std::vector<std::uint32_t> order;
    for (std::uint32_t p = 0; p < projects.size(); ++p) {
        if (!state.selected[p] && approvals[p] > 0)
            order.push_back(p);
    }
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (denser(a, b) || denser(b, a))
            return denser(a, b);
        return wins_tie(key(a), key(b));
    });

    // Projects funded earlier in the current run of equal density, with the money left before each:
    // a skipped project that would have fit at one of those turns lost because of the tie rule.
    struct funded_at {
        std::uint32_t project;
        std::int64_t left_before;
    };
    std::vector<funded_at> run;
    for (std::size_t i = 0; i < order.size(); ++i) {
        auto p = order[i];
        if (i > 0 && !same_density(order[i - 1], p))
            run.clear();
        auto& e = out[p];
        e.stage = stage;
        if (projects[p].cost <= state.left) {
            run.push_back({p, state.left});
            state.left -= projects[p].cost;
            state.selected[p] = true;
            e.status = project_status::selected;
            e.order = state.next_order++;
            continue;
        }
        e.budget_left = state.left;
        auto beaten = std::find_if(run.begin(), run.end(), [&](const funded_at& f) {
            return projects[p].cost <= f.left_before;
        });
        if (beaten != run.end()) {
            e.status = project_status::lost_tie;
            e.cause = project_status::over_budget;
            e.tied_with = projects[beaten->project].id;
            wins_tie(key(beaten->project), key(p), &e.criterion);
        } else {
            e.status = project_status::over_budget;
        }
    }
}

} // namespace asamblea::domain::detail
