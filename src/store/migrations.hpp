#pragma once
/// Versioned schema migrations, applied in order and recorded in PRAGMA user_version.

#include <SQLiteCpp/Database.h>

namespace asamblea::store {

/// Brings the schema to the newest version inside one transaction; returns the version reached.
int migrate(SQLite::Database& db);

/// Brings the schema to `version` at most (for upgrade tests: a database as an older build left
/// it).
int migrate(SQLite::Database& db, int version);

/// The newest schema version this build knows.
int latest_schema_version();

} // namespace asamblea::store
