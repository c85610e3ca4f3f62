#include "store/paced_checkpoint_vfs.hpp"

#include "store/vfs_shim.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

namespace asamblea::store {
namespace {

std::atomic<std::uint64_t> page_writes{0};
std::atomic<std::uint64_t> paced_syncs{0};
std::atomic<std::uint64_t> rested_ns{0};

// A database file of this VFS: this header, then the default VFS's file (see vfs_shim.hpp).
struct db_file {
    sqlite3_file base; // first: SQLite reads pMethods from here
    sqlite3_file* real;
    int unsynced; // pages written since the file's last sync
};

db_file* as_db(sqlite3_file* f) {
    return vfs_shim::as<db_file>(f);
}

template <auto m, typename... Args> auto passed(sqlite3_file* f, Args... args) {
    return vfs_shim::passed<db_file, m>(f, args...);
}

int db_sync(sqlite3_file* f, int flags) {
    auto* d = as_db(f);
    d->unsynced = 0;
    return d->real->pMethods->xSync(d->real, flags);
}

int db_write(sqlite3_file* f, const void* data, int n, sqlite3_int64 offset) {
    auto* d = as_db(f);
    page_writes.fetch_add(1, std::memory_order_relaxed);
    if (int rc = d->real->pMethods->xWrite(d->real, data, n, offset); rc != SQLITE_OK)
        return rc;
    if (++d->unsynced < paced_checkpoint_pages)
        return SQLITE_OK;
    paced_syncs.fetch_add(1, std::memory_order_relaxed);
    const auto start = std::chrono::steady_clock::now();
    const int rc = db_sync(f, SQLITE_SYNC_NORMAL);
    // As long again, and at least what makes up a group's interval: see the header.
    const auto synced = std::chrono::steady_clock::now() - start;
    const auto rest = std::min<std::chrono::steady_clock::duration>(
        std::max<std::chrono::steady_clock::duration>(synced,
                                                      paced_checkpoint_group_interval - synced),
        paced_checkpoint_max_rest);
    std::this_thread::sleep_for(rest);
    rested_ns.fetch_add(static_cast<std::uint64_t>(
                            std::chrono::duration_cast<std::chrono::nanoseconds>(rest).count()),
                        std::memory_order_relaxed);
    return rc;
}

// Version 3, as the default VFS's: the wal-index (xShm*) and memory-mapped reads (xFetch) of a
// database in WAL mode go through its database file.
const sqlite3_io_methods db_methods = {
    3,
    passed<&sqlite3_io_methods::xClose>,
    passed<&sqlite3_io_methods::xRead, void*, int, sqlite3_int64>,
    db_write,
    passed<&sqlite3_io_methods::xTruncate, sqlite3_int64>,
    db_sync,
    passed<&sqlite3_io_methods::xFileSize, sqlite3_int64*>,
    passed<&sqlite3_io_methods::xLock, int>,
    passed<&sqlite3_io_methods::xUnlock, int>,
    passed<&sqlite3_io_methods::xCheckReservedLock, int*>,
    passed<&sqlite3_io_methods::xFileControl, int, void*>,
    passed<&sqlite3_io_methods::xSectorSize>,
    passed<&sqlite3_io_methods::xDeviceCharacteristics>,
    passed<&sqlite3_io_methods::xShmMap, int, int, int, void volatile**>,
    passed<&sqlite3_io_methods::xShmLock, int, int, int>,
    passed<&sqlite3_io_methods::xShmBarrier>,
    passed<&sqlite3_io_methods::xShmUnmap, int>,
    passed<&sqlite3_io_methods::xFetch, sqlite3_int64, int, void**>,
    passed<&sqlite3_io_methods::xUnfetch, sqlite3_int64, void*>,
};

int paced_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    // Everything but a database file is the default VFS's own file, in the same memory.
    if (!(flags & SQLITE_OPEN_MAIN_DB))
        return vfs_shim::default_vfs()->xOpen(vfs_shim::default_vfs(), name, f, flags, out_flags);
    db_file* d = nullptr;
    int rc = vfs_shim::open_behind(name, f, flags, out_flags, &d);
    // The wrapper forwards every method of version 3 (the unix VFS's since SQLite 3.7.17).
    d->base.pMethods = rc == SQLITE_OK && d->real->pMethods->iVersion >= 3 ? &db_methods : nullptr;
    if (rc == SQLITE_OK && !d->base.pMethods) {
        d->real->pMethods->xClose(d->real);
        return SQLITE_CANTOPEN;
    }
    return rc;
}

} // namespace

const char* paced_checkpoint_vfs_name() {
    static sqlite3_vfs vfs = vfs_shim::make_vfs<db_file>("asamblea-paced-checkpoint", paced_open);
    static const char* const name = vfs_shim::registered_name(vfs);
    return name;
}

paced_checkpoint_counts paced_checkpoint_stats() {
    return {page_writes.load(std::memory_order_relaxed),
            paced_syncs.load(std::memory_order_relaxed),
            std::chrono::nanoseconds(rested_ns.load(std::memory_order_relaxed))};
}

} // namespace asamblea::store
