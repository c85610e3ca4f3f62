#pragma once
/// The proof score: how much of the money spent is proven, and how many delivered works show
/// their before and after photos.

#include "domain/followup/ledger.hpp"

#include <optional>
#include <span>

namespace asamblea::domain {

/// A work item's money and its photo counts (live evidence), gathered by the caller.
struct work_evidence_count {
    work_money money;
    int photos_before = 0;
    int photos_after = 0;
};

struct proof_score {
    centavos spent = 0;
    centavos proven = 0;
    int delivered = 0;             // works entregado or verificado
    int delivered_with_photos = 0; // of those, with at least one before and one after photo

    /// proven / spent in whole percent, rounded down so 100 means all of it; nullopt when
    /// nothing was spent.
    std::optional<int> proven_percent() const;
    /// delivered_with_photos / delivered in whole percent, rounded down; nullopt when nothing
    /// was delivered.
    std::optional<int> photos_percent() const;
};

/// The score over a clinic's (or any set of) works; cancelled works count their spending too.
proof_score score_proof(std::span<const work_evidence_count> works);

} // namespace asamblea::domain
