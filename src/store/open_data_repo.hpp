#pragma once
/// Reads for the open data (/api/open/…, `asamblea export`): which clinics have works of a closed
/// assembly, and which assembly a round belongs to.

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

/// The CLUES of every clinic with a work item of an edition whose assembly is cerrada, sorted.
std::vector<std::string> open_followup_clinics(SQLite::Database& db);

/// The editions of the clinic whose assembly is cerrada and that have work items, oldest first.
std::vector<int> open_followup_editions(SQLite::Database& db, const std::string& clues);

/// A round's clinic and edition, through its assembly.
struct round_owner {
    std::string clues;
    int edition = 0;
};
std::optional<round_owner> find_round_owner(SQLite::Database& db, std::int64_t round_id);

} // namespace asamblea::store
