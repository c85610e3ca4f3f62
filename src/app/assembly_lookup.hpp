#pragma once
/// Finding what a command acts on: the clinic, its current assembly, and that assembly still
/// being current inside the write.

#include "domain/clinic.hpp"
#include "domain/error.hpp"
#include "store/assembly_repo.hpp"

#include <SQLiteCpp/Database.h>

#include <string>

namespace asamblea::app {

/// The clinic; not_found when unknown.
domain::result<domain::clinic> find_clinic(SQLite::Database& db, const std::string& clues);

/// The clinic's current assembly (its newest edition); not_found (no_assembly) when none.
domain::result<store::assembly_row> current_assembly(SQLite::Database& db,
                                                     const std::string& clues);

/// Inside a write: the current assembly again, refused when it is no longer `seen` (a newer
/// edition was created meanwhile).
domain::result<store::assembly_row> still_current(SQLite::Database& db,
                                                  const store::assembly_row& seen);

} // namespace asamblea::app
