#pragma once
/// The timeline of a work item: every state move, who made it and why. Never deleted.

#include "domain/followup/work_state.hpp"
#include "store/member_seat.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::store {

struct work_move_row {
    std::int64_t id = 0;
    std::int64_t work_id = 0;
    domain::work_state from = domain::work_state::planeado;
    domain::work_state to = domain::work_state::planeado;
    std::string reason;
    std::int64_t user_id = 0;   // 0 when unknown
    std::int64_t member_id = 0; // the committee member who moved it, 0 for none
    std::string at;
    member_seat by; // read only, filled from the member's row
};

/// Adds a move at the batch's time; its id.
std::int64_t insert_work_move(write_context& ctx, const work_move_row& move);
/// The work item's moves, oldest first.
std::vector<work_move_row> list_work_moves(SQLite::Database& db, std::int64_t work_id);

} // namespace asamblea::store
