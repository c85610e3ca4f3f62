#pragma once
/// The evidence files as the follow-up sees them: stored by sha256 before any row points at
/// them; the app only asks whether one exists, what kind it is, and reads an invoice's XML.

#include "domain/error.hpp"
#include "domain/followup/file_kind.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace asamblea::app {

class file_source {
public:
    virtual ~file_source() = default;
    /// The kind of the stored file (from its bytes); nullopt when there is no such file.
    virtual std::optional<domain::file_kind> kind_of(const std::string& sha256) const = 0;
    /// At most `max_bytes` of the file's bytes; nullopt when there is no such file.
    virtual std::optional<std::string> read(const std::string& sha256,
                                            std::size_t max_bytes) const = 0;
    /// The file's size in bytes, recorded with evidence; nullopt when unknown.
    virtual std::optional<std::int64_t> size_of(const std::string&) const { return std::nullopt; }
};

/// The error for a sha256 that names no stored file: the upload did not finish, or was never made.
inline domain::error file_not_found(std::string field) {
    return {domain::error_kind::not_found, "file_not_found",
            "No se encontró el archivo. Súbalo de nuevo.", std::move(field), 0};
}

} // namespace asamblea::app
