#pragma once
/// Evidence files stored once by their sha256 beside the database: evidence/ab/<sha256>, and
/// their public copies (photos without metadata) in evidence/public/ab/<sha256>.

#include "domain/error.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::store {

/// How many of a file's first bytes an upload keeps, enough to tell its type.
inline constexpr std::size_t evidence_head_bytes = 64;

/// A file in place after its upload.
struct stored_file {
    std::string sha256; // lower-case hex: the file's name and its only identity
    std::uint64_t size = 0;
    std::string head;     // the first bytes (up to evidence_head_bytes)
    bool created = false; // false: the same bytes were already stored, and this copy was dropped
};

/// True for 64 lower-case hex digits, the only text a path is ever built from.
bool is_sha256_hex(std::string_view text);

/// The evidence folder of a data folder: beside the database file.
std::filesystem::path evidence_root(const std::string& data_dir);

/// One file arriving in pieces: a private temporary file under evidence/tmp/, hashed as it grows.
/// Destroyed before commit(), it removes its temporary file, so an upload cut short leaves nothing.
class evidence_upload {
public:
    evidence_upload(evidence_upload&&) noexcept;
    evidence_upload& operator=(evidence_upload&&) noexcept;
    ~evidence_upload();

    /// Appends a piece; too_large (nothing written) when the file would pass its limit.
    domain::status write(std::string_view chunk);

    /// too_large when a file of `total` bytes would pass the limit (for a size told in advance).
    domain::status check_size(std::uint64_t total) const;

    /// Makes the file durable and puts it in place under its sha256 (once: a file already there
    /// wins and this copy is removed). Afterwards the upload is spent.
    domain::result<stored_file> commit();

    std::uint64_t size() const;
    /// The first bytes written so far (up to evidence_head_bytes).
    std::string_view head() const;
    std::uint64_t limit() const;

private:
    friend class evidence_files;
    struct state;
    explicit evidence_upload(std::unique_ptr<state> s);
    void discard() noexcept;
    std::unique_ptr<state> state_;
};

/// The evidence folder: content-addressed files that are never changed once in place.
/// Expected failures come back as values; an I/O failure is an internal error whose field says
/// what failed (for the log only).
class evidence_files {
public:
    explicit evidence_files(std::filesystem::path root);

    const std::filesystem::path& root() const { return root_; }

    /// A new upload of at most `max_bytes`, in a file only this process can read (mode 0600).
    domain::result<evidence_upload> begin_upload(std::uint64_t max_bytes) const;

    /// Where the file with this sha256 lives (whether or not it exists); invalid for anything
    /// that is not 64 lower-case hex digits.
    domain::result<std::filesystem::path> path_of(std::string_view sha256) const;
    bool exists(std::string_view sha256) const;
    /// The stored file's size; not_found when absent.
    domain::result<std::uint64_t> size(std::string_view sha256) const;
    /// The whole stored file (evidence files are capped, so this stays bounded).
    domain::result<std::string> read(std::string_view sha256) const;

    /// Makes a public copy's bytes out of the original's (the server passes the photo stripping
    /// of src/documents: the store never looks inside a file).
    using copy_maker = std::function<domain::result<std::string>(std::string_view original)>;

    /// The public copy of the stored file with this sha256, kept under evidence/public/ab/ by the
    /// original's sha256: made by `make` from the original on first use, written like an upload
    /// (temporary file, fsync, rename), so nobody reads half a copy and two first requests both
    /// succeed. The original is never changed. not_found when the original is absent; make's
    /// error as it comes.
    domain::result<std::string> public_copy(std::string_view sha256, const copy_maker& make) const;

    /// Every stored file's sha256 (temporary files excluded), for backups. Public copies are not
    /// listed: they are made again from the originals whenever they are missing.
    domain::result<std::vector<std::string>> stored() const;

    /// Removes temporary files left by a crash; call once at start, before any upload.
    domain::result<std::size_t> remove_stale_uploads() const;

private:
    std::filesystem::path root_;
};

} // namespace asamblea::store
