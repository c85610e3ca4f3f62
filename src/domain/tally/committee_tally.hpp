#pragma once
/// Multi-winner committee rounds (vocalías): approval voting or sequential Phragmén, with parity.

#include "domain/error.hpp"
#include "domain/tally/budget_election.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

/// A person standing for the committee. `sex` is any label ("F", "M", ...); parity needs it.
struct committee_candidate {
    std::string id;
    std::string sex;
};

enum class committee_rule {
    av,          // the most approved candidates
    seqphragmen, // sequential Phragmén: proportional, spreading each seat's load over its voters
};

/// Accepts "av" and "seqphragmen".
std::optional<committee_rule> parse_committee_rule(std::string_view name);

/// How many seats and whether parity applies.
struct committee_options {
    std::size_t seats = 1;
    /// No sex takes more than ceil(seats / 2) seats: candidates of a full sex are skipped in rank
    /// order, which can leave seats empty when too few candidates of the other sexes stand.
    bool parity = false;
};

enum class candidate_status {
    elected,
    not_elected,
    skipped_for_parity, // it was next in line, but its sex already had every seat parity allows
};

/// The reason for one candidate.
struct candidate_explanation {
    std::string candidate_id;
    std::int64_t approvals = 0;
    candidate_status status = candidate_status::not_elected;
    std::size_t order = 0; // elected: 1-based seat order
    std::string sex;
};

/// The outcome of a committee round.
struct committee_tally {
    committee_rule rule = committee_rule::av;
    std::vector<std::string> elected;              // in the order the seats were filled
    std::vector<candidate_explanation> candidates; // one per candidate, in input order
    std::size_t unfilled_seats = 0;                // only with parity and too few candidates
};

/// Tallies approval ballots (candidate indices). Ties always go to the smaller candidate id
/// (numeric ids as numbers). Sequential Phragmén uses exact rational loads.
result<committee_tally> tally_committee(const std::vector<committee_candidate>& candidates,
                                        const std::vector<approval_ballot>& ballots,
                                        committee_rule rule, const committee_options& options);

/// Plain Spanish for one candidate, e.g. "Electa en el lugar 2 con 31 votos".
std::string explain(const candidate_explanation& explanation);
/// Plain Spanish for the committee as a whole (mentions empty seats when parity left some).
std::string explain(const committee_tally& tally);

} // namespace asamblea::domain
