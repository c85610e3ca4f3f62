#pragma once
/// Opens SQLite connections with the project's PRAGMAs (WAL, synchronous=FULL, foreign keys).

#include <SQLiteCpp/Database.h>

#include <cstddef>
#include <memory>
#include <string>

namespace asamblea::store {

enum class access { read_write, read_only };

/// A writing connection checkpoints its log once it holds this many pages (SQLite's default is
/// 1,000), inside the commit that passes it. The writer's connection does not: store/checkpointer
/// copies its log on a thread of its own. This one is for the others (the CLI's commands, the
/// bench's SQLite baseline).
inline constexpr int wal_checkpoint_pages = 10'000;

/// Opens (creating when read_write) the database at path and applies the connection PRAGMAs;
/// `cache_kib`, when not 0, bounds the connection's page cache (SQLite's default is 2 MiB).
std::unique_ptr<SQLite::Database> open_database(const std::string& path, access mode,
                                                std::size_t cache_kib = 0);

/// The database file inside a data folder.
std::string database_path(const std::string& data_dir);

} // namespace asamblea::store
