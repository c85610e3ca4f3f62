#pragma once
/// Budget-round tallies (greedy and the Method of Equal Shares) with a reason for every project.

#include "domain/error.hpp"
#include "domain/tally/budget_election.hpp"
#include "domain/tally/tie_rule.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

/// The rules a budget round can be tallied with.
enum class budget_rule {
    greedy,          // most approvals first, skipping what no longer fits (today's practice)
    mes,             // Method of Equal Shares with cost utilities, no completion
    mes_add1,        // MES, raising every voter's share by one unit until the outcome is exhaustive
    mes_add1_greedy, // mes_add1, then greedy with whatever money is left
};

/// Accepts "greedy", "mes", "mes-add1", "mes-add1-greedy" (underscores also accepted).
std::optional<budget_rule> parse_budget_rule(std::string_view name);
/// "greedy", "mes", "mes-add1" or "mes-add1-greedy".
std::string_view to_string(budget_rule rule);

/// Why a project ended where it did.
enum class project_status {
    selected,
    over_budget,          // its turn came when the money left no longer covered it
    insufficient_support, // no votes, or (MES) its voters' shares could not cover it
    lost_tie, // it tied with `tied_with`, the tie rule preferred the other, and then `cause` kept
              // it out
};

/// Which step of the rule decided: the rule itself or the greedy completion of mes-add1-greedy.
enum class selection_stage { rule, completion };

/// The reason for one project, with the numbers needed to explain it.
struct project_explanation {
    std::string project_id;
    std::int64_t cost = 0;
    std::int64_t approvals = 0;
    project_status status = project_status::insufficient_support;
    selection_stage stage = selection_stage::rule;
    std::size_t order = 0;        // selected: 1-based position in the selection sequence
    std::int64_t budget_left = 0; // over_budget: money left when its turn came
    std::string tied_with;        // lost_tie: the project the tie rule preferred
    tie_criterion criterion = tie_criterion::smaller_id; // lost_tie: what decided the tie
    /// lost_tie: what kept it out once the tie went the other way: over_budget (greedy: the money
    /// left, budget_left, no longer covered it) or insufficient_support (MES: its voters' shares
    /// no longer covered it).
    project_status cause = project_status::insufficient_support;
};

/// Tuning that does not change which rule runs.
struct budget_options {
    /// How much each voter's share grows per mes-add1 step, in the round's money unit. The
    /// reference (pabulib) uses 1; rounds counted in centavos should use 100 so a step is one peso.
    std::int64_t voter_budget_increment = 1;
};

/// The outcome of a budget round.
struct budget_tally {
    budget_rule rule = budget_rule::greedy;
    std::int64_t budget = 0;
    std::int64_t spent = 0;
    std::vector<std::string> selected;         // in id order (numeric ids as numbers)
    std::vector<project_explanation> projects; // one per project, in input order
    std::int64_t voter_budget_steps = 0;       // mes-add1: how many increments the final run used
};

/// Tallies a validated election. Deterministic; no floating point takes part in any decision.
result<budget_tally> tally_budget(const budget_election& election, budget_rule rule,
                                  const budget_options& options = {});

/// What tally_budget gives under the greedy rule for an election of these projects and ballots
/// (indices into `projects`, in any order, repeats counting once), with the same checks, but
/// without a copy of the ballots: the greedy rule looks only at each project's approvals. For
/// the live results a room tallies at every push (issue 19: the copy made most of their cost).
result<budget_tally> tally_budget_greedy(std::int64_t budget,
                                         const std::vector<budget_project>& projects,
                                         std::span<const approval_ballot> ballots);

/// The same from each project's approvals (how many ballots name it, `approvals[i]` for
/// `projects[i]`), for a caller that keeps those counts as ballots arrive: a room's live result
/// then costs the projects, not the ballots.
result<budget_tally> tally_budget_greedy_approvals(std::int64_t budget,
                                                   std::vector<budget_project> projects,
                                                   std::span<const std::int64_t> approvals);

/// The name people know a project by, from its id (the app: the proposal's title).
using project_namer = std::function<std::string(std::string_view id)>;

/// Plain Spanish for one project's outcome. `centavos_per_unit` converts the round's money unit to
/// centavos for printing (1 in the app, 100 for files counted in whole currency units). Another
/// project is named with `name_of`, or by its id without it.
std::string explain(const project_explanation& explanation, std::int64_t centavos_per_unit = 1,
                    const project_namer& name_of = {});

} // namespace asamblea::domain
