#include "domain/followup/proof_score.hpp"

#include <limits>

namespace asamblea::domain {
namespace {

// Rounded down, so a clinic that proved 99.7 % does not read as having proved everything.
int percent(centavos part, centavos whole) {
    if (part >= whole)
        return 100;
    // part * 100 must not overflow; dropping the same low digits of both barely moves the ratio.
    while (part > std::numeric_limits<centavos>::max() / 100) {
        part /= 10;
        whole /= 10;
    }
    return static_cast<int>(part * 100 / whole);
}

} // namespace

std::optional<int> proof_score::proven_percent() const {
    if (spent <= 0)
        return std::nullopt;
    return percent(proven < 0 ? 0 : proven, spent);
}

std::optional<int> proof_score::photos_percent() const {
    if (delivered <= 0)
        return std::nullopt;
    return percent(delivered_with_photos, delivered);
}

proof_score score_proof(std::span<const work_evidence_count> works) {
    proof_score out;
    for (const auto& w : works) {
        out.spent += w.money.spent;
        out.proven += w.money.proven;
        if (w.money.state == work_state::entregado || w.money.state == work_state::verificado) {
            ++out.delivered;
            if (w.photos_before > 0 && w.photos_after > 0)
                ++out.delivered_with_photos;
        }
    }
    return out;
}

} // namespace asamblea::domain
