#include "store/paced_checkpoint_vfs.hpp"

#include <sqlite3.h>

#include <atomic>
#include <cstddef>
#include <new>

namespace asamblea::store {
namespace {

std::atomic<std::uint64_t> page_writes{0};
std::atomic<std::uint64_t> paced_syncs{0};

sqlite3_vfs* parent = nullptr; // the default VFS, set once at registration

// SQLite allocates vfs.szOsFile bytes per open file: this header, then the default VFS's file.
struct db_file {
    sqlite3_file base; // first: SQLite reads pMethods from here
    sqlite3_file* real;
    int unsynced; // pages written since the file's last sync
};

constexpr std::size_t real_file_offset = (sizeof(db_file) + 15) & ~std::size_t{15};

db_file* as_db(sqlite3_file* f) {
    return reinterpret_cast<db_file*>(f);
}

template <auto m, typename... Args> auto passed(sqlite3_file* f, Args... args) {
    auto* d = as_db(f);
    return (d->real->pMethods->*m)(d->real, args...);
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
    return db_sync(f, SQLITE_SYNC_NORMAL);
}

int db_close(sqlite3_file* f) {
    return as_db(f)->real->pMethods->xClose(as_db(f)->real);
}

void db_shm_barrier(sqlite3_file* f) {
    as_db(f)->real->pMethods->xShmBarrier(as_db(f)->real);
}

// Version 3, as the default VFS's: the wal-index (xShm*) and memory-mapped reads (xFetch) of a
// database in WAL mode go through its database file.
const sqlite3_io_methods db_methods = {
    3,
    db_close,
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
    db_shm_barrier,
    passed<&sqlite3_io_methods::xShmUnmap, int>,
    passed<&sqlite3_io_methods::xFetch, sqlite3_int64, int, void**>,
    passed<&sqlite3_io_methods::xUnfetch, sqlite3_int64, void*>,
};

int paced_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    // Everything but a database file is the default VFS's own file, in the same memory.
    if (!(flags & SQLITE_OPEN_MAIN_DB))
        return parent->xOpen(parent, name, f, flags, out_flags);
    auto* d = new (f) db_file{};
    d->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + real_file_offset);
    int rc = parent->xOpen(parent, name, d->real, flags, out_flags);
    // The wrapper forwards every method of version 3 (the unix VFS's since SQLite 3.7.17).
    d->base.pMethods = rc == SQLITE_OK && d->real->pMethods->iVersion >= 3 ? &db_methods : nullptr;
    if (rc == SQLITE_OK && !d->base.pMethods) {
        d->real->pMethods->xClose(d->real);
        return SQLITE_CANTOPEN;
    }
    return rc;
}

constexpr const char* vfs_name = "asamblea-paced-checkpoint";

sqlite3_vfs make_vfs() {
    parent = sqlite3_vfs_find(nullptr);
    sqlite3_vfs vfs = *parent; // its other methods work on behalf of any VFS object
    vfs.pNext = nullptr;
    vfs.zName = vfs_name;
    vfs.szOsFile = static_cast<int>(real_file_offset) + parent->szOsFile;
    vfs.xOpen = paced_open;
    return vfs;
}

} // namespace

const char* paced_checkpoint_vfs_name() {
    static sqlite3_vfs vfs = make_vfs();
    static const bool registered = sqlite3_vfs_register(&vfs, 0) == SQLITE_OK;
    return registered ? vfs_name : nullptr;
}

paced_checkpoint_counts paced_checkpoint_stats() {
    return {page_writes.load(std::memory_order_relaxed),
            paced_syncs.load(std::memory_order_relaxed)};
}

} // namespace asamblea::store
