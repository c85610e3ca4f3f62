#pragma once
/// A SQLite VFS over the platform's default that hands a checkpoint's copies to the disk a few
/// pages at a time instead of all at once.
///
/// A checkpoint writes each page it copies back into the database file (into the kernel's page
/// cache) and then syncs the file: the sync sends every one of those pages to the disk in one
/// go, up to a few thousand random writes. On a disk that takes 2,000 writes a second that is
/// more than a second during which the disk serves nothing else, so every commit of the log
/// (each ballot's durability) waits behind it, whichever thread checkpoints
/// (`scripts/bench --write-iops 2000`, issue 19). Here the database file is synced after every
/// `paced_checkpoint_pages` pages written: the disk's queue never holds more than that many of
/// the checkpoint's writes, and a commit's few writes wait for at most those.
///
/// Only the database file's writes are counted; every other file, and every other method, is
/// the default VFS's. The extra syncs change no outcome: SQLite syncs the file at the end of the
/// checkpoint anyway, before it lets the log start over.

#include <cstdint>

namespace asamblea::store {

/// Pages written to a database file between two of its syncs.
inline constexpr int paced_checkpoint_pages = 32;

/// Registers the VFS (once, thread-safe) and returns its name for sqlite3_open_v2.
const char* paced_checkpoint_vfs_name();

/// Database-file writes through this VFS, and the syncs it added, since the process started
/// (for tests and the bench).
struct paced_checkpoint_counts {
    std::uint64_t page_writes = 0;
    std::uint64_t paced_syncs = 0;
};
paced_checkpoint_counts paced_checkpoint_stats();

} // namespace asamblea::store
