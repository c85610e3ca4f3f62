#include "domain/tally/budget_tally.hpp"

#include "domain/tally/budget_greedy.hpp"
#include "domain/tally/id_order.hpp"
#include "domain/tally/mes_engine.hpp"

#include <algorithm>

namespace asamblea::domain {

std::optional<budget_rule> parse_budget_rule(std::string_view name) {
    std::string n(name);
    std::replace(n.begin(), n.end(), '_', '-');
    if (n == "greedy")
        return budget_rule::greedy;
    if (n == "mes")
        return budget_rule::mes;
    if (n == "mes-add1")
        return budget_rule::mes_add1;
    if (n == "mes-add1-greedy")
        return budget_rule::mes_add1_greedy;
    return std::nullopt;
}

std::string_view to_string(budget_rule rule) {
    switch (rule) {
    case budget_rule::greedy:
        return "greedy";
    case budget_rule::mes:
        return "mes";
    case budget_rule::mes_add1:
        return "mes-add1";
    case budget_rule::mes_add1_greedy:
        return "mes-add1-greedy";
    }
    return "greedy";
}

namespace {

struct mes_result {
    detail::mes_engine::outcome outcome;
    std::int64_t steps = 0;
};

bool exhaustive(const budget_election& e, std::span<const std::int64_t> approvals,
                const detail::mes_engine::outcome& o) {
    std::vector<bool> in(e.projects.size(), false);
    for (auto p : o.sequence)
        in[p] = true;
    for (std::size_t p = 0; p < e.projects.size(); ++p) {
        // pabutools only counts projects MES could ever fund: supported and not free.
        if (!in[p] && approvals[p] > 0 && e.projects[p].cost > 0 &&
            o.spent + e.projects[p].cost <= e.budget)
            return false;
    }
    return true;
}

// The add-one completion: raise every voter's share by `increment` until the outcome is exhaustive
// or over budget, keeping the last outcome within budget.
result<mes_result> run_mes_add1(const budget_election& e, std::span<const std::int64_t> approvals,
                                detail::mes_engine& engine, std::int64_t increment) {
    // Once a voter's share covers every project together, MES funds all supported projects, which
    // is either exhaustive or over budget: the loop ends by then.
    std::int64_t all_costs = 0;
    for (const auto& p : e.projects)
        all_costs += p.cost;
    const std::int64_t max_steps = all_costs / increment + 2;

    mes_result previous{engine.run(big_uint{}), 0};
    if (exhaustive(e, approvals, previous.outcome))
        return previous;
    for (std::int64_t step = 1; step <= max_steps; ++step) {
        auto o = engine.run(big_uint(static_cast<std::uint64_t>(step)) *
                            static_cast<std::uint64_t>(increment));
        if (o.spent > e.budget)
            return previous;
        if (exhaustive(e, approvals, o))
            return mes_result{std::move(o), step};
        previous = mes_result{std::move(o), step};
    }
    return fail(error_kind::internal, "mes_add1_no_end",
                "El método de partes iguales no terminó; avise al equipo técnico.");
}

// The tally of a checked election whose projects have `approvals`; the MES rules also read
// its ballots, the greedy rule only the approvals.
result<budget_tally> tally_checked(const budget_election& election,
                                   std::span<const std::int64_t> approvals, budget_rule rule,
                                   const budget_options& options) {
    const auto& projects = election.projects;
    budget_tally t;
    t.rule = rule;
    t.budget = election.budget;
    t.projects.resize(projects.size());
    for (std::size_t p = 0; p < projects.size(); ++p) {
        auto& e = t.projects[p];
        e.project_id = projects[p].id;
        e.cost = projects[p].cost;
        e.approvals = approvals[p];
        e.status = project_status::insufficient_support;
    }

    detail::greedy_state g;
    g.selected.assign(projects.size(), false);
    g.left = election.budget;

    if (rule != budget_rule::greedy) {
        detail::mes_engine engine(election, approvals);
        mes_result m;
        if (rule == budget_rule::mes) {
            m.outcome = engine.run(big_uint{});
        } else {
            auto r = run_mes_add1(election, approvals, engine, options.voter_budget_increment);
            if (!r)
                return std::unexpected(r.error());
            m = std::move(*r);
        }
        t.voter_budget_steps = m.steps;
        for (auto p : m.outcome.sequence) {
            g.selected[p] = true;
            g.left -= projects[p].cost;
            t.projects[p].status = project_status::selected;
            t.projects[p].order = g.next_order++;
        }
        for (std::size_t p = 0; p < projects.size(); ++p) {
            const auto& lost = m.outcome.last_tie_lost[p];
            if (g.selected[p] || !lost)
                continue;
            auto& e = t.projects[p];
            e.status = project_status::lost_tie;
            e.cause = project_status::insufficient_support;
            e.tied_with = projects[lost->winner].id;
            e.criterion = lost->criterion;
        }
    }
    if (rule == budget_rule::greedy || rule == budget_rule::mes_add1_greedy) {
        detail::greedy_fill(election, approvals, g,
                            rule == budget_rule::greedy ? selection_stage::rule
                                                        : selection_stage::completion,
                            t.projects);
    }

    t.spent = election.budget - g.left;
    for (std::size_t p = 0; p < projects.size(); ++p) {
        if (g.selected[p])
            t.selected.push_back(projects[p].id);
    }
    sort_ids(t.selected);
    return t;
}

} // namespace

result<budget_tally> tally_budget(const budget_election& election, budget_rule rule,
                                  const budget_options& options) {
    if (options.voter_budget_increment <= 0)
        return fail(error_kind::invalid, "increment_not_positive",
                    "El incremento por votante debe ser mayor que cero.", "voter_budget_increment");
    // The election is a plain struct; one built by hand gets the same checks as a made one.
    if (auto ok = validate_budget_election(election); !ok)
        return std::unexpected(ok.error());
    std::vector<std::int64_t> approvals(election.projects.size(), 0);
    for (const auto& ballot : election.ballots) {
        for (auto p : ballot)
            ++approvals[p];
    }
    return tally_checked(election, approvals, rule, options);
}

result<budget_tally> tally_budget_greedy(std::int64_t budget,
                                         const std::vector<budget_project>& projects,
                                         std::span<const approval_ballot> ballots) {
    // A ballot counts once per project however often it names it: the ballot it was last
    // counted for, per project.
    std::vector<std::int64_t> approvals(projects.size(), 0);
    std::vector<std::size_t> counted_for(projects.size(), ballots.size());
    for (std::size_t b = 0; b < ballots.size(); ++b) {
        for (auto p : ballots[b]) {
            if (p >= projects.size())
                return fail(error_kind::invalid, "ballot_unknown_project",
                            "Una boleta menciona una propuesta que no existe.", "ballots");
            if (counted_for[p] != b) {
                counted_for[p] = b;
                ++approvals[p];
            }
        }
    }
    return tally_budget_greedy_approvals(budget, projects, approvals);
}

result<budget_tally> tally_budget_greedy_approvals(std::int64_t budget,
                                                   std::vector<budget_project> projects,
                                                   std::span<const std::int64_t> approvals) {
    if (approvals.size() != projects.size() ||
        std::any_of(approvals.begin(), approvals.end(), [](std::int64_t a) { return a < 0; }))
        return fail(error_kind::invalid, "bad_approvals",
                    "Los conteos no corresponden a las propuestas.", "ballots");
    // Taken by value and moved, not copied: a room tallies its live result at every push
    // (issue 19).
    budget_election election{budget, std::move(projects), {}};
    if (auto ok = validate_budget_election(election); !ok)
        return std::unexpected(ok.error());
    return tally_checked(election, approvals, budget_rule::greedy, {});
}

} // namespace asamblea::domain
