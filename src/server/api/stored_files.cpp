#include "server/api/stored_files.hpp"

#include <fstream>

namespace asamblea::server {
namespace {

// At most `max_bytes` of the file; nullopt when it is not stored (or the name is not a sha256).
std::optional<std::string> read_head(const store::evidence_files& files, const std::string& sha,
                                     std::size_t max_bytes) {
    auto path = files.path_of(sha);
    if (!path || !files.exists(sha))
        return std::nullopt;
    std::ifstream in(*path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::string bytes(max_bytes, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(max_bytes));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

} // namespace

std::optional<domain::file_kind> stored_files::kind_of(const std::string& sha256) const {
    auto head = read_head(files_, sha256, store::evidence_head_bytes);
    if (!head)
        return std::nullopt;
    return domain::sniff_file_kind(*head);
}

std::optional<std::string> stored_files::read(const std::string& sha256,
                                              std::size_t max_bytes) const {
    return read_head(files_, sha256, max_bytes);
}

std::optional<std::int64_t> stored_files::size_of(const std::string& sha256) const {
    auto size = files_.size(sha256);
    if (!size)
        return std::nullopt;
    return static_cast<std::int64_t>(*size);
}

} // namespace asamblea::server
