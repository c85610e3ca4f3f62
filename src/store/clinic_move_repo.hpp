#pragma once
/// The clinic_moves table as the server reads it: which clinics this database has moved out.

#include <SQLiteCpp/Database.h>

#include <string>
#include <unordered_map>

namespace asamblea::store {

/// CLUES → the shard it moved to, for every clinic moved out (from the moment its export began).
std::unordered_map<std::string, std::string> clinics_moved_out(SQLite::Database& db);

} // namespace asamblea::store
