#pragma once
/// The facts about a work item that its state moves depend on, gathered by the caller from the
/// store so the rules stay pure.

#include "domain/committee.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace asamblea::domain {

/// The quotes a contract needs unless there is a written exception.
inline constexpr int required_quotes = 3;

/// A committee member's confirmation that a delivered work item is really there.
struct confirmation {
    std::int64_t member_id = 0;
    committee_role role = committee_role::presidencia;
};

/// What has been gathered for a work item so far; counts are of live (not voided) rows.
struct work_proof {
    int quotes = 0;
    bool quote_exception = false; // a written exception to the three quotes
    std::optional<std::int64_t> chosen_quote;
    int photos_before = 0;
    int photos_during = 0;
    int photos_after = 0;
    bool entrega_recepcion = false; // the signed acta de entrega-recepción is attached
    std::vector<confirmation> confirmations;
};

} // namespace asamblea::domain
