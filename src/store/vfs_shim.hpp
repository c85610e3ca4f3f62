#pragma once
/// What the store's SQLite VFS shims (`batched_wal_vfs`, `paced_checkpoint_vfs`) share: each is
/// the platform's default VFS with its own xOpen, and each file it wraps is laid out as the shim's
/// header `File` (a `sqlite3_file` first, then a pointer `real`) followed, in the memory SQLite
/// allocates for the file, by the default VFS's own file, to which the shim forwards.

#include <sqlite3.h>

#include <cstddef>
#include <new>

namespace asamblea::store::vfs_shim {

/// The platform's default VFS, which the shims wrap.
inline sqlite3_vfs* default_vfs() {
    static sqlite3_vfs* const vfs = sqlite3_vfs_find(nullptr);
    return vfs;
}

/// Where the default VFS's file starts behind a `File` header (aligned as SQLite aligns).
template <typename File>
inline constexpr std::size_t real_file_offset = (sizeof(File) + 15) & ~std::size_t{15};

template <typename File> File* as(sqlite3_file* f) {
    return reinterpret_cast<File*>(f);
}

/// The default VFS's method `m` on the real file behind `f`, unchanged.
template <typename File, auto m, typename... Args> auto passed(sqlite3_file* f, Args... args) {
    auto* file = as<File>(f);
    return (file->real->pMethods->*m)(file->real, args...);
}

/// Places a fresh `File` header at `f` and opens the default VFS's file behind it; the caller
/// sets `(*out)->base.pMethods` once it knows the outcome (SQLite calls no method of a file
/// whose pMethods is null).
template <typename File>
int open_behind(sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags, File** out) {
    auto* file = new (f) File{};
    file->real =
        reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + real_file_offset<File>);
    *out = file;
    return default_vfs()->xOpen(default_vfs(), name, file->real, flags, out_flags);
}

/// The default VFS under another name, opening files with `open` and room for a `File` header
/// before each of its files. Its other methods work on behalf of any VFS object.
template <typename File> sqlite3_vfs make_vfs(const char* name, decltype(sqlite3_vfs::xOpen) open) {
    sqlite3_vfs vfs = *default_vfs();
    vfs.pNext = nullptr;
    vfs.zName = name;
    vfs.szOsFile = static_cast<int>(real_file_offset<File>) + default_vfs()->szOsFile;
    vfs.xOpen = open;
    return vfs;
}

/// Registers `vfs` (not as the default) and returns its name, or null if SQLite refused it.
inline const char* registered_name(sqlite3_vfs& vfs) {
    return sqlite3_vfs_register(&vfs, 0) == SQLITE_OK ? vfs.zName : nullptr;
}

} // namespace asamblea::store::vfs_shim
