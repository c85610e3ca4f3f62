#pragma once
/// What a closed round does to the COSABI of its term: a role's final result replaces that role's
/// members with the winners; a passed ratification replaces the whole term with a copy of the
/// previous committee; any other round leaves the committee alone.

#include "domain/round.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::domain {

/// A member of a committee: one held seat of a role.
struct committee_seat {
    std::string role;
    int seat = 1;
    std::string nombre;
    std::string sexo;
    std::int64_t attendee_id = 0;   // 0 when unknown
    std::int64_t ratified_from = 0; // a ratified copy: the previous term's member it copies
    std::int64_t user_id = 0;       // the member's committee login, 0 without one
};

/// The change a closed round makes to its term's committee.
struct committee_outcome {
    enum class change { none, elect_role, ratify };
    change kind = change::none;
    std::string role;                  // elect_role: the role whose members are replaced
    std::vector<committee_seat> seats; // the new members, in seat order
};

/// The outcome of a closed round. `previous` is the newest earlier term's committee, with each
/// member's id in `ratified_from` (read it only when ratification_passed); a passed ratification
/// copies it, keeping every login. An election's winners carry the attendee their option names (its
/// id as a number), 0 when it names none; a winner missing from the options is skipped.
committee_outcome committee_outcome_of(const round_spec& spec, const round_result& result,
                                       const std::vector<committee_seat>& previous);

} // namespace asamblea::domain
