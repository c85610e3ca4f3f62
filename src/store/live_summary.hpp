#pragma once
/// Checks the room makes against the database on the writer's connection.

#include <SQLiteCpp/Database.h>

#include <cstdint>

namespace asamblea::store {

/// True when the credential exists and is not revoked.
bool credential_active(SQLite::Database& db, std::int64_t credential_id);

} // namespace asamblea::store
