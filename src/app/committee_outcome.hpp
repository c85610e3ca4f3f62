#pragma once
/// Inside a round's close: the COSABI change its result makes (domain::committee_outcome_of),
/// written in the same transaction.

#include "domain/round.hpp"
#include "store/round_repo.hpp"
#include "store/write_context.hpp"

#include <string>

namespace asamblea::app {

/// A role's final result replaces that role's members of the assembly's term; a passed
/// ratification copies the previous committee into the term. Replaced members lose their unused
/// invitations, and a replaced member's login that no longer belongs to any member is disabled.
void write_committee_outcome(store::write_context& w, const std::string& clues,
                             const store::round_row& round, const domain::round_result& result);

} // namespace asamblea::app
