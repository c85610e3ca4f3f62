#pragma once
/// The input of a budget round: the money, the projects with their costs, and approval ballots.

#include "domain/error.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::domain {

/// One project on the ballot. The cost is in the round's money unit (centavos in the app, the
/// file's unit for pabulib files).
struct budget_project {
    std::string id;
    std::int64_t cost = 0;
};

/// The projects one voter approves, as indices into budget_election::projects, sorted and unique.
using approval_ballot = std::vector<std::uint32_t>;

/// A validated budget round ready to tally.
struct budget_election {
    std::int64_t budget = 0;
    std::vector<budget_project> projects;
    std::vector<approval_ballot> ballots;
};

/// Limits that keep every sum of costs inside 64 bits (4,000 × 10^15 < 2^63).
inline constexpr std::int64_t max_budget_amount = 1'000'000'000'000'000;
inline constexpr std::size_t max_budget_projects = 4000;

/// Validates ids (non-empty, unique), amounts (0..max_budget_amount) and ballot indices, and sorts
/// and de-duplicates every ballot.
result<budget_election> make_budget_election(std::int64_t budget,
                                             std::vector<budget_project> projects,
                                             std::vector<approval_ballot> ballots);

/// Checks an election built by hand: everything make_budget_election checks, and that every ballot
/// is already sorted and free of duplicates.
status validate_budget_election(const budget_election& election);

/// Same, with ballots that name projects by id.
result<budget_election> make_budget_election(std::int64_t budget,
                                             std::vector<budget_project> projects,
                                             const std::vector<std::vector<std::string>>& ballots);

} // namespace asamblea::domain
