#pragma once
/// Committee members' confirmations that a delivered work item is really there (one per member
/// and work item).

#include "domain/committee.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::store {

struct confirmation_row {
    std::int64_t id = 0;
    std::int64_t work_id = 0;
    std::int64_t member_id = 0;
    domain::committee_role role = domain::committee_role::presidencia;
    std::int64_t user_id = 0;
    std::string at;
};

/// Adds a confirmation at the batch's time; its id. Throws SQLite::Exception when the member
/// already confirmed this work item (the caller checks first).
std::int64_t insert_confirmation(write_context& ctx, const confirmation_row& row);
/// The work item's confirmations, oldest first.
std::vector<confirmation_row> list_confirmations(SQLite::Database& db, std::int64_t work_id);

} // namespace asamblea::store
