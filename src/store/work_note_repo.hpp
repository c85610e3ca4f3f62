#pragma once
/// Free-text notes on a work item's progress (the committee's periodic reports). Never deleted.

#include "store/member_seat.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::store {

struct work_note_row {
    std::int64_t id = 0;
    std::int64_t work_id = 0;
    std::string text;
    std::int64_t user_id = 0;
    std::string at;
    member_seat by; // read only, filled from the member's row
};

/// Adds a note at the batch's time; its id.
std::int64_t insert_work_note(write_context& ctx, std::int64_t work_id, const std::string& text,
                              std::int64_t user_id);
/// The work item's notes, oldest first.
std::vector<work_note_row> list_work_notes(SQLite::Database& db, std::int64_t work_id);

} // namespace asamblea::store
