#pragma once
/// No one closes alone: a delivered work item is verified by two committee members of different
/// roles.

#include "domain/error.hpp"
#include "domain/followup/work_proof.hpp"
#include "domain/followup/work_state.hpp"

#include <vector>

namespace asamblea::domain {

/// True when two of the confirmations come from different members holding different roles.
bool confirmations_complete(const std::vector<confirmation>& confirmations);

/// Confirming is a step of its own, before the move to verificado (which check_move guards with
/// confirmations_complete), so it is checked here rather than in check_move: only an entregado
/// work item takes confirmations. Conflict work_closed when verificado or cancelado,
/// not_delivered for any other state.
status check_can_confirm(work_state s);

/// Whether `next` may be added to `existing`: conflict already_confirmed when that member has
/// already confirmed (a second role does not make a second person).
status check_confirm(const std::vector<confirmation>& existing, const confirmation& next);

} // namespace asamblea::domain
