#pragma once
/// Per-assembly keys for voter tags. While an assembly runs, a ballot carries a keyed tag of
/// (round, attendee) so a re-vote (from any of the person's credentials) replaces it; the key
/// lives only in a file of its own beside the database (`ballot-keys/<assembly>.key`) and is
/// destroyed when the assembly closes, after which no one holding the database, a backup or
/// secret.key can compute which ballot was whose.

#include "store/crypto.hpp"

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace asamblea::store {

class ballot_keys {
public:
    /// Keys live in `folder` (created when missing, mode 0700).
    explicit ballot_keys(std::filesystem::path folder);

    /// The assembly's key, read from its file or made and written durably (file and folder
    /// fsynced) before it is returned, so a tag computed with it survives kill -9. Thread-safe.
    secret_key get_or_create(std::int64_t assembly_id);

    /// The assembly's key if it exists (never makes one: a closed assembly has none).
    std::optional<secret_key> find(std::int64_t assembly_id);

    /// Overwrites the key's file with zeros, syncs, unlinks it and forgets the key. Idempotent.
    void destroy(std::int64_t assembly_id);

    /// The assemblies that still have a key file.
    std::vector<std::int64_t> stored() const;

    /// The file of one assembly's key.
    std::filesystem::path file(std::int64_t assembly_id) const;

    const std::filesystem::path& folder() const { return folder_; }

private:
    std::optional<secret_key> read_locked(std::int64_t assembly_id);

    std::filesystem::path folder_;
    mutable std::mutex mutex_;
    std::unordered_map<std::int64_t, secret_key> cache_;
};

/// The tag that stands for one attendee in one round: unique per person and round while the
/// key exists, meaningless without it.
std::string voter_tag(const secret_key& assembly_key, std::int64_t round_id,
                      std::int64_t attendee_id);

} // namespace asamblea::store
