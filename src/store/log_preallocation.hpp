#pragma once
/// Gives the write-ahead log its full length on disk before the first commit, as zeros.
///
/// SQLite's log grows by appends until the first time it starts over, and then is overwritten
/// in place at the same length. An append extends the file: the file system allocates blocks
/// and the commit's `fdatasync` must also write its journal (the file's new size and blocks),
/// which every server of the disk waits for in turn. With the log starting over only every
/// few rounds of the checkpointer (about 30,000 pages, store/checkpointer), a server's first
/// minutes were mostly appends (issue 19). Zeros past the log's last frame are what SQLite
/// finds there after any restart: never a valid frame (each frame's salt and checksum must
/// match the header's), so recovery stops before them.

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>

namespace asamblea::store {

/// Extends the log of `db` (the database at `path`, in WAL mode) with zeros up to `bytes`,
/// synced, while holding the log's write lock so that no other connection appends meanwhile.
/// A log already that long is left alone. Returns the bytes added.
std::int64_t preallocate_log(SQLite::Database& db, const std::string& path, std::int64_t bytes);

} // namespace asamblea::store
