#pragma once
/// Use cases of the proposal list: add one (checked against the clinic's budget), add an imported
/// list (all or nothing), and the moderator's review: accept, reject with a reason, merge.

#include "app/assembly_command.hpp"
#include "domain/proposal.hpp"
#include "store/proposal_repo.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::app {

/// Proposals as written, with their new ids.
struct added_proposals {
    std::vector<domain::proposal> proposals;
    std::vector<std::int64_t> ids;
};

/// One proposal, checked (and cleaned) against the clinic's budget.
command<on_assembly<added_proposals>> add_proposal(domain::proposal proposal);

/// Proposals already checked (an imported file), in one write: all or nothing.
command<on_assembly<added_proposals>> add_proposals(std::vector<domain::proposal> proposals);

/// The proposal a review acts on, as prepare found it.
struct reviewed {
    store::proposal_row proposal;
    std::string reason; // reject: the cleaned reason
};

/// Each review writes only if the proposal is still as prepare found it.
command<on_assembly<reviewed>> accept_proposal(std::int64_t id);
command<on_assembly<reviewed>> reject_proposal(std::int64_t id, std::string reason);
command<on_assembly<reviewed>> merge_proposal(std::int64_t id, std::int64_t into);

} // namespace asamblea::app
