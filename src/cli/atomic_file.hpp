#pragma once
/// Writing an export file whole: a reader never sees half of it.

#include <filesystem>
#include <string>

namespace asamblea::cli {

/// Writes `text` to a temporary file beside `path` and renames it over; throws
/// std::runtime_error (nothing left behind) when the write fails.
void write_atomically(const std::filesystem::path& path, const std::string& text);

} // namespace asamblea::cli
