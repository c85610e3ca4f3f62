#pragma once
/// After a phase: closes and reveals every round, then holds the ballots the server stored and
/// its tally against what the voters were acknowledged.

#include "loadgen/rest_pool.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace asamblea::loadgen {

struct round_checks {
    long rounds_checked = 0, tally_mismatches = 0, missing_receipts = 0, extra_receipts = 0,
         duplicate_receipts = 0, choice_mismatches = 0, counted = 0, expected_counted = 0;

    round_checks& operator+=(const round_checks& o);

    /// No ballot lost, unexpected, stored twice or changed, and every tally right.
    bool ok() const {
        return missing_receipts + extra_receipts + duplicate_receipts + choice_mismatches +
                   tally_mismatches ==
               0;
    }
};

/// `finals[i]` holds the [receipt, choices] of each voter of assembly i who was acknowledged, as
/// its worker recorded them.
round_checks close_and_check(const rest_pool& rest, const std::vector<std::int64_t>& rounds,
                             const std::vector<nlohmann::json>& finals);

} // namespace asamblea::loadgen
