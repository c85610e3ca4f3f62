#pragma once
/// Checks the room makes against the database on the writer's connection.

#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>

namespace asamblea::store {

/// True when the credential exists and is not revoked.
bool credential_active(SQLite::Database& db, std::int64_t credential_id);
/// The same inside a write command, with the statement prepared once for the connection.
bool credential_active(write_context& ctx, std::int64_t credential_id);

} // namespace asamblea::store
