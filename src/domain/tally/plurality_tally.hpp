#pragma once
/// Single-seat COSABI roles by plurality; a tie returns the tied candidates for a runoff.

#include "domain/error.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::domain {

/// The outcome of a single-seat election.
struct plurality_tally {
    /// The winner, or every candidate tied for first place (in id order) when a runoff is needed.
    std::vector<std::string> leaders;
    bool runoff = false;
    std::int64_t leader_votes = 0;
    /// Votes per candidate, parallel to the candidate list given.
    std::vector<std::int64_t> votes;
};

/// `choices` holds, for each valid ballot, the index of the chosen candidate in `candidate_ids`
/// (blank ballots are left out by the caller).
result<plurality_tally> tally_plurality(const std::vector<std::string>& candidate_ids,
                                        const std::vector<std::uint32_t>& choices);

/// Plain Spanish, e.g. "Ganó «Ana» con 40 votos." or a runoff notice naming the tied candidates.
std::string explain(const plurality_tally& tally);

} // namespace asamblea::domain
