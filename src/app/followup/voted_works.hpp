#pragma once
/// The work items an assembly's vote creates: every proposal selected by a budget round that is
/// closed, revealed and counted with quorum.

#include "store/assembly_repo.hpp"
#include "store/write_context.hpp"

namespace asamblea::app {

/// Inside a write (the assembly's close, or the demo seeder): creates a planeado work item
/// (origin votacion, approved = the proposal's cost, quantity 1 for equipamiento else 0) for
/// each such proposal that has none yet, each audited work.created. Idempotent. The number
/// created.
int create_voted_work_items(store::write_context& w, const store::assembly_row& assembly);

} // namespace asamblea::app
