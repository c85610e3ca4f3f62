#include "store/batched_wal_vfs.hpp"

#include "store/vfs_shim.hpp"

#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace asamblea::store {
namespace {

std::atomic<std::uint64_t> sqlite_writes{0};
std::atomic<std::uint64_t> file_writes{0};

// A WAL file of this VFS: this header, then the default VFS's file (see vfs_shim.hpp).
struct wal_file {
    sqlite3_file base; // first: SQLite reads pMethods from here
    sqlite3_file* real;
    char* buffer;         // allocated at the first write, freed at the close
    std::size_t length;   // bytes held
    sqlite3_int64 offset; // where they go in the file
};

wal_file* as_wal(sqlite3_file* f) {
    return vfs_shim::as<wal_file>(f);
}

int write_through(wal_file* w, const void* data, std::size_t n, sqlite3_int64 offset) {
    file_writes.fetch_add(1, std::memory_order_relaxed);
    return w->real->pMethods->xWrite(w->real, data, static_cast<int>(n), offset);
}

// After an error the held frames are dropped: SQLite fails the commit they belonged to, and
// frames after the last commit marker are never read.
int flush(wal_file* w) {
    if (w->length == 0)
        return SQLITE_OK;
    std::size_t n = std::exchange(w->length, 0);
    return write_through(w, w->buffer, n, w->offset);
}

int wal_close(sqlite3_file* f) {
    auto* w = as_wal(f);
    int rc = flush(w);
    int closed = w->real->pMethods->xClose(w->real);
    std::free(w->buffer);
    w->buffer = nullptr;
    return rc != SQLITE_OK ? rc : closed;
}

int wal_write(sqlite3_file* f, const void* data, int n, sqlite3_int64 offset) {
    sqlite_writes.fetch_add(1, std::memory_order_relaxed);
    auto* w = as_wal(f);
    auto size = static_cast<std::size_t>(n);
    bool follows = w->length > 0 && offset == w->offset + static_cast<sqlite3_int64>(w->length);
    if (follows && w->length + size <= batched_wal_buffer_bytes) {
        std::memcpy(w->buffer + w->length, data, size);
        w->length += size;
        return SQLITE_OK;
    }
    // Anywhere else (a frame rewritten in place, a new log's header): what is held goes first,
    // so the file sees the writes in SQLite's order.
    if (int rc = flush(w); rc != SQLITE_OK)
        return rc;
    if (size >= batched_wal_buffer_bytes)
        return write_through(w, data, size, offset);
    if (!w->buffer)
        w->buffer = static_cast<char*>(std::malloc(batched_wal_buffer_bytes));
    if (!w->buffer)
        return write_through(w, data, size, offset);
    std::memcpy(w->buffer, data, size);
    w->offset = offset;
    w->length = size;
    return SQLITE_OK;
}

// The default VFS's method `m` on the real file, after what is held is written (`flushed`:
// a read, size or sync sees the file as SQLite wrote it) or at once (`passed`).
template <auto m, typename... Args> int flushed(sqlite3_file* f, Args... args) {
    auto* w = as_wal(f);
    if (int rc = flush(w); rc != SQLITE_OK)
        return rc;
    return (w->real->pMethods->*m)(w->real, args...);
}

template <auto m, typename... Args> int passed(sqlite3_file* f, Args... args) {
    return vfs_shim::passed<wal_file, m>(f, args...);
}

// Version 1: SQLite maps no shared memory and no pages through a WAL file (the wal-index and
// memory-mapped reads go through the database file's methods).
const sqlite3_io_methods wal_methods = {
    1,
    wal_close,
    flushed<&sqlite3_io_methods::xRead, void*, int, sqlite3_int64>,
    wal_write,
    flushed<&sqlite3_io_methods::xTruncate, sqlite3_int64>,
    flushed<&sqlite3_io_methods::xSync, int>,
    flushed<&sqlite3_io_methods::xFileSize, sqlite3_int64*>,
    passed<&sqlite3_io_methods::xLock, int>,
    passed<&sqlite3_io_methods::xUnlock, int>,
    passed<&sqlite3_io_methods::xCheckReservedLock, int*>,
    // A size hint or any other request about the file sees it as SQLite wrote it.
    flushed<&sqlite3_io_methods::xFileControl, int, void*>,
    passed<&sqlite3_io_methods::xSectorSize>,
    passed<&sqlite3_io_methods::xDeviceCharacteristics>,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

int batched_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    // Everything but a write-ahead log is the default VFS's own file, in the same memory.
    if (!(flags & SQLITE_OPEN_WAL))
        return vfs_shim::default_vfs()->xOpen(vfs_shim::default_vfs(), name, f, flags, out_flags);
    wal_file* w = nullptr;
    int rc = vfs_shim::open_behind(name, f, flags, out_flags, &w);
    w->base.pMethods = rc == SQLITE_OK ? &wal_methods : nullptr;
    return rc;
}

} // namespace

const char* batched_wal_vfs_name() {
    static sqlite3_vfs vfs = vfs_shim::make_vfs<wal_file>("asamblea-batched-wal", batched_open);
    static const char* const name = vfs_shim::registered_name(vfs);
    return name;
}

batched_wal_counts batched_wal_stats() {
    return {sqlite_writes.load(std::memory_order_relaxed),
            file_writes.load(std::memory_order_relaxed)};
}

} // namespace asamblea::store
