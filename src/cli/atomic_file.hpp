#pragma once
/// Writing a file whole: a reader never sees half of it, and, where it must survive a crash
/// (a backup, a clinic's bundle), it is on disk before it is named.

#include <filesystem>
#include <string>

namespace asamblea::cli {

/// Writes `text` to a temporary file beside `path` and renames it over; throws
/// std::runtime_error (nothing left behind) when the write fails.
void write_atomically(const std::filesystem::path& path, const std::string& text);

/// The same, flushed to disk (fsync) before the rename.
void write_durably(const std::filesystem::path& path, const std::string& text);

/// fsync of a file or a folder (a folder: the names in it); throws std::runtime_error.
void sync_to_disk(const std::filesystem::path& path);

} // namespace asamblea::cli
