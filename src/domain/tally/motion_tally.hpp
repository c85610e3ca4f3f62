#pragma once
/// Motions: yes / no / abstain, passing with more yes than no when quorum holds.

#include "domain/error.hpp"

#include <cstdint>
#include <string>

namespace asamblea::domain {

/// Valid votes cast on a motion.
struct motion_votes {
    std::int64_t yes = 0;
    std::int64_t no = 0;
    std::int64_t abstain = 0;
};

enum class motion_outcome { approved, rejected, no_quorum };

/// The outcome of a motion with the numbers behind it.
struct motion_tally {
    motion_outcome outcome = motion_outcome::rejected;
    motion_votes votes;
    std::int64_t valid = 0;    // yes + no + abstain
    std::int64_t present = 0;  // attendees present when the vote closed
    std::int64_t required = 0; // quorum: the minimum number present
};

/// Passes when quorum holds (present >= required) and yes > no; a tie does not pass. Abstentions
/// count as valid votes but never decide.
result<motion_tally> tally_motion(const motion_votes& votes, std::int64_t present,
                                  std::int64_t required);

/// Plain Spanish, e.g. "Aprobada: 45 a favor, 12 en contra y 3 abstenciones (60 votos válidos)."
std::string explain(const motion_tally& tally);

} // namespace asamblea::domain
