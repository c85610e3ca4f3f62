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

#include <chrono>
#include <cstdint>

namespace asamblea::store {

/// Pages written to a database file between two of its syncs.
inline constexpr int paced_checkpoint_pages = 32;

/// After each of those syncs the connection rests as long as the sync took, and at least
/// until `paced_checkpoint_group_interval` has passed since the sync began; at most
/// `paced_checkpoint_max_rest`. On a disk that limits its writes per second (a cloud volume's
/// budget, `scripts/bench --write-iops`) a copy as fast as the disk takes it spends the budget
/// of the moment and the commits' writes wait for the next: each round's first pass, 0.2–0.5 s
/// at full speed, was a second of the bench's steady minute with an ack p99 of 150–220 ms
/// (issue 19). Resting as long as the sync took was not enough there (the syncs are quick
/// while the budget lasts); the interval caps a copy at 32 pages per 25 ms, 1,280 a second,
/// well under such a disk's budget and far over what a server's commits dirty (a round's
/// thousand-odd pages in under a second). PostgreSQL spreads its checkpoints' writes over
/// time for the same reason.
inline constexpr std::chrono::milliseconds paced_checkpoint_group_interval{25};
inline constexpr std::chrono::milliseconds paced_checkpoint_max_rest{100};

/// Registers the VFS (once, thread-safe) and returns its name for sqlite3_open_v2.
const char* paced_checkpoint_vfs_name();

/// Database-file writes through this VFS, and the syncs it added, since the process started
/// (for tests and the bench).
struct paced_checkpoint_counts {
    std::uint64_t page_writes = 0;
    std::uint64_t paced_syncs = 0;
    std::chrono::nanoseconds rested{0}; // the rests after those syncs, in all
};
paced_checkpoint_counts paced_checkpoint_stats();

} // namespace asamblea::store
