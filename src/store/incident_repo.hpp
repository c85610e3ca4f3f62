#pragma once
/// Incidents the moderator notes during an assembly. Never deleted or edited.

#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::store {

struct incident_row {
    std::int64_t id = 0;
    std::int64_t assembly_id = 0;
    std::string text;
    std::int64_t user_id = 0; // 0 when the user is unknown
    std::string username;     // read only: who noted it
    std::string at;           // UTC ISO 8601
};

/// Adds an incident at the batch's time, audited as «incident.noted» with the sha256 of the text
/// (the chain is public before the acta is, and the text may name someone); its id.
std::int64_t insert_incident(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                             const std::string& text, std::int64_t user_id);

/// How many incidents the assembly holds.
std::int64_t count_incidents(SQLite::Database& db, std::int64_t assembly_id);

/// The assembly's incidents, oldest first.
std::vector<incident_row> list_incidents(SQLite::Database& db, std::int64_t assembly_id);

} // namespace asamblea::store
