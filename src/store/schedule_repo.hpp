#pragma once
/// Which clinics a national (or state) schedule covers.

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

namespace asamblea::store {

/// CLUES of the clinics of an institution (case-insensitive), optionally only in one state.
std::vector<std::string> clinics_of_institution(SQLite::Database& db,
                                                const std::string& institucion,
                                                const std::string& entidad);

} // namespace asamblea::store
