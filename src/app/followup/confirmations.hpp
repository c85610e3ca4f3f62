#pragma once
/// Verifying a delivered work item: no one closes alone.

#include "app/command.hpp"
#include "app/followup/work_event.hpp"

#include <cstdint>

namespace asamblea::app {

/// A current committee member confirms an entregado work item (domain::check_can_confirm,
/// domain::check_confirm). When the confirmations become complete (two members of different
/// roles) the work item moves to verificado in the same write, a move by this confirmer.
/// work.confirmed (and work.moved when it verifies).
command<work_event> confirm_work(std::int64_t user_id, std::int64_t work_id);

} // namespace asamblea::app
