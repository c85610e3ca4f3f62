#include "store/database.hpp"

#include "store/batched_wal_vfs.hpp"

#include <sqlite3.h>

#include <filesystem>

namespace asamblea::store {

std::unique_ptr<SQLite::Database> open_database(const std::string& path, access mode,
                                                std::size_t cache_kib) {
    // Before SQLite initializes (the first open): no global memory statistics, whose mutex every
    // allocation of every connection would otherwise take. Later calls are refused, harmlessly.
    static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    (void)configured;
    int flags = mode == access::read_write ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE
                                           : SQLite::OPEN_READONLY;
    flags |= SQLite::OPEN_NOMUTEX; // each connection is owned by one thread at a time
    // The writing connection hands each commit's log frames to the kernel in one write; it is
    // sound because it syncs every commit (synchronous=FULL below; store/batched_wal_vfs).
    const char* vfs = mode == access::read_write ? batched_wal_vfs_name() : nullptr;
    auto db = std::make_unique<SQLite::Database>(path.c_str(), flags, 5000, vfs);
    if (mode == access::read_write) {
        db->exec("PRAGMA journal_mode=WAL");
        // FULL: a command is acknowledged only when its batch is on disk.
        db->exec("PRAGMA synchronous=FULL");
        // A checkpoint copies each page's newest frame back into the database file, and
        // ballots dirty the same few index pages of each open round over and over. At SQLite's
        // 1,000 pages the writer checkpointed every ~14 batches: 20 % of its time at a
        // national Saturday's pace (issue 19's profile). At 10,000 (a log of up to 40 MiB)
        // a page goes back once for many of its frames.
        db->exec("PRAGMA wal_autocheckpoint=" + std::to_string(wal_checkpoint_pages));
    }
    db->exec("PRAGMA foreign_keys=ON");
    db->exec("PRAGMA temp_store=MEMORY");
    if (cache_kib != 0)
        db->exec("PRAGMA cache_size=-" + std::to_string(cache_kib));
    return db;
}

std::string database_path(const std::string& data_dir) {
    return (std::filesystem::path(data_dir) / "asamblea.db").string();
}

} // namespace asamblea::store
