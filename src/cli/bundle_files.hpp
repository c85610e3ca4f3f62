#pragma once
/// What `clinic-export` and `clinic-import` share: the bundle's layout, durable file copies and
/// the manifest's digest.

#include "cli/atomic_file.hpp" // sync_to_disk, write_durably

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace asamblea::cli {

/// The bundle folder: manifest.json (written last), rows.sqlite, evidence/<sha256> and
/// public/<sha256> (a photo's public copy, named by its original's sha256).
inline constexpr const char* bundle_format = "asamblea-clinic-bundle/1";
inline constexpr const char* bundle_manifest = "manifest.json";
inline constexpr const char* bundle_rows = "rows.sqlite";

/// The lower-case hex sha256 of a file's bytes; throws std::runtime_error when unreadable.
std::string sha256_of_file(const std::filesystem::path& path);

/// Copies a file through a temporary name beside `to`, flushed before the rename.
void copy_durably(const std::filesystem::path& from, const std::filesystem::path& to);

/// The digest of a bundle: the sha256 of its manifest's content (everything but the digest and
/// the move-out event that names it).
std::string bundle_digest(const nlohmann::json& content);

/// A shard's name as the shard map spells it: lower-case letters, digits, - or _, up to 32.
bool shard_name_valid(const std::string& name);

} // namespace asamblea::cli
