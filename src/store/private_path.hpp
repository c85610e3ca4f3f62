#pragma once
/// Folders and files that hold names, password hashes, ballots and keys are the owner's alone:
/// folders 0700 and files 0600 from the moment they exist, and an older install's looser modes
/// are tightened when the data folder is opened (docs/security.md).

#include <filesystem>

namespace asamblea::store {

/// Creates `folder` (and missing parents) and sets it to 0700, also when it already existed.
void make_private_folder(const std::filesystem::path& folder);

/// Creates `file` empty with mode 0600 when it does not exist, else sets it to 0600. SQLite gives
/// a database's -wal and -shm files the database file's mode, so a database created here first
/// never has a readable journal either.
void make_private_file(const std::filesystem::path& file);

} // namespace asamblea::store
