#pragma once
/// A SQLite VFS over the platform's default that hands a commit's WAL frames to the kernel in
/// one write instead of two per page.
///
/// SQLite writes each frame of the write-ahead log as two `pwrite`s (its 24-byte header, then
/// the page), so a batch of ballots that dirties 70 pages costs 140 system calls before its
/// `fdatasync`; here it costs 3. This VFS keeps the contiguous writes to a WAL file in a buffer and
/// writes them out when SQLite syncs the file, or reads, sizes, truncates or closes it, or writes
/// somewhere else in it. Only the log is buffered: the database file and every other file go
/// straight to the default VFS.
///
/// It is sound only while every commit syncs the log, which `synchronous=FULL` (or EXTRA)
/// does: the sync is the last call on the WAL before SQLite publishes the new frames to
/// readers in the wal-index, so readers never look for frames still in the buffer. With
/// `synchronous=NORMAL` a commit ends without a sync, so `open_database` uses this VFS only
/// for its read-write connections, which it sets to FULL.

#include <cstddef>
#include <cstdint>

namespace asamblea::store {

/// The buffer's size, and so the largest write it makes: the default unix VFS writes at most
/// 128 KiB - 1 bytes per call (it masks the length, as it never expects more than a page and a
/// frame header), so a longer run of frames goes out in pieces of this size: 30 frames of a
/// 4-KiB page per system call instead of 60.
inline constexpr std::size_t batched_wal_buffer_bytes = 31 * 4096;

/// Registers the VFS (once, thread-safe) and returns its name for sqlite3_open_v2.
const char* batched_wal_vfs_name();

/// How many writes this VFS asked the default VFS to make to WAL files, and how many writes
/// SQLite made to it, since the process started (for tests and the bench).
struct batched_wal_counts {
    std::uint64_t sqlite_writes = 0;
    std::uint64_t file_writes = 0;
};
batched_wal_counts batched_wal_stats();

} // namespace asamblea::store
