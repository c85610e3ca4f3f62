#pragma once
/// The evidence folder as the follow-up's commands see it (app::file_source): whether a file was
/// uploaded, its kind from its first bytes, an invoice's XML.

#include "app/followup/file_source.hpp"
#include "server/http/http_types.hpp"
#include "store/evidence_files.hpp"

#include <string>

namespace asamblea::server {

class stored_files : public app::file_source {
public:
    explicit stored_files(const store::evidence_files& files) : files_(files) {}

    std::optional<domain::file_kind> kind_of(const std::string& sha256) const override;
    std::optional<std::string> read(const std::string& sha256,
                                    std::size_t max_bytes) const override;
    std::optional<std::int64_t> size_of(const std::string& sha256) const override;

private:
    const store::evidence_files& files_;
};

/// A stored file as the answer to `req`: its type told from its bytes, XML as a download (a
/// browser rendering it could meet markup it should not run), and 304 when the client already
/// holds it (the name is the content's hash, so the ETag never goes stale). The caller decided
/// that this clinic's records name the file and that the asker may see it.
response stored_file_response(const store::evidence_files& files, const std::string& sha256,
                              const request& req, std::string cache_control);

} // namespace asamblea::server
