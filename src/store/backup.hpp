#pragma once
/// A consistent copy of the live database through SQLite's online backup API.

#include <string>

namespace asamblea::store {

/// Copies the database at `source_path` into a new file at `target_path` in one step, so the copy
/// is one snapshot even while the server keeps committing (WAL readers do not block the writer).
void backup_database(const std::string& source_path, const std::string& target_path);

} // namespace asamblea::store
