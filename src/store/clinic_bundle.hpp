#pragma once
/// The rows of one clinic, copied out of a shard's database into a bundle file and back into
/// another's with new ids (`asamblea clinic-export` / `clinic-import`). SQL only: which rows
/// belong to a clinic, how their references are renumbered, and a digest per table so that a
/// damaged bundle is refused naming the table. The bundle is a SQLite file with the same tables
/// and columns, attached to the connection as schema `bundle`.

#include "domain/error.hpp"
#include "store/audit_chain.hpp"
#include "store/moved_ids.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace asamblea::store {

/// One table of a clinic's data.
struct bundle_table {
    std::string name;
    std::string where; // selects the clinic's rows in the source (?1 is the CLUES)
    /// Columns holding another moved row's id, and that row's table.
    std::vector<std::pair<std::string, std::string>> refs;
    /// The same for references to rows inserted later or to the same table, set after every row
    /// is in.
    std::vector<std::pair<std::string, std::string>> late_refs;
    bool has_id = true; // false: no `id` column (clinics, user_clinics)
};

/// Every table that moves, parents before children (users are chosen from the others' columns).
const std::vector<bundle_table>& bundle_tables();

/// The tables that hold no clinic's rows and stay on the source: sessions, deployment-wide
/// settings, the audit chain (moved as events, not as a table) and the move records themselves.
const std::vector<std::string>& tables_left_behind();

/// The table in the bundle that holds the clinic's chain events (those since schema 8), in order.
inline constexpr const char* bundle_chain_table = "chain_events";

/// A table's row count and the sha256 of its rows (every column of every row, in rowid order).
struct table_digest {
    std::int64_t rows = 0;
    std::string sha256;
};
table_digest digest_table(SQLite::Database& db, const std::string& schema,
                          const std::string& table);

/// Copies the clinic's rows and chain events into the attached schema `bundle` (empty), inside the
/// caller's transaction.
void copy_clinic_out(SQLite::Database& db, const std::string& clues);

/// The evidence files (sha256) the bundle's rows name.
std::vector<std::string> bundle_files(SQLite::Database& db);

/// The chain events the bundle carries, in order.
std::vector<chain_event> bundle_chain(SQLite::Database& db);

/// What an import wrote.
struct import_outcome {
    id_maps ids;
    std::int64_t rows = 0;
    std::vector<std::string> users_reused; // usernames B already had for the same account
};

/// Refuses, naming it, a username of the bundle that the main schema holds for another account
/// (another role or password); checked before anything is written.
domain::status check_bundle_users(SQLite::Database& db);

/// Inserts the bundle's rows into the main schema with new ids, and its chain events as they
/// are, inside the caller's transaction. Fails (the caller rolls back) naming what is wrong: a
/// username that B holds for another account, a reference to a row the bundle lacks.
domain::result<import_outcome> copy_clinic_in(SQLite::Database& db, const std::string& clues);

} // namespace asamblea::store
