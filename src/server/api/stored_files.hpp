#pragma once
/// The evidence folder as the follow-up's commands see it (app::file_source): whether a file was
/// uploaded, its kind from its first bytes, an invoice's XML.

#include "app/followup/file_source.hpp"
#include "store/evidence_files.hpp"

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

} // namespace asamblea::server
