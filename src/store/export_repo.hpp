#pragma once
/// Reads for the national open-data export: which clinics and editions there are to walk.

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

namespace asamblea::store {

/// Every clinic's CLUES, sorted.
std::vector<std::string> list_clinic_codes(SQLite::Database& db);

/// The editions (years) of a clinic's assemblies, oldest first.
std::vector<int> list_editions(SQLite::Database& db, const std::string& clues);

} // namespace asamblea::store
