#pragma once
/// A consistent copy of the live database through SQLite's online backup API, and of the evidence
/// files beside it.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace asamblea::store {

class evidence_files;

/// Copies the database at `source_path` into a new file at `target_path` in one step, so the copy
/// is one snapshot even while the server keeps committing (WAL readers do not block the writer).
void backup_database(const std::string& source_path, const std::string& target_path);

/// What backup_evidence put in the copy.
struct evidence_copy {
    std::size_t files = 0;  // every stored file
    std::size_t linked = 0; // of which hard links (same filesystem), the rest copied
    std::uint64_t bytes = 0;
};

/// Puts every stored evidence file into `target_root` with the same layout (ab/<sha256>), never
/// the temporary uploads: a hard link when both sides share a filesystem (stored files never
/// change), else a copy; each file and folder synced. With no stored file, nothing is created.
/// Throws on an I/O failure.
evidence_copy backup_evidence(const evidence_files& from, const std::filesystem::path& target_root);

} // namespace asamblea::store
