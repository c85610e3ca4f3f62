#include "server/api/stored_files.hpp"

#include "server/http/error_response.hpp"

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

response stored_file_response(const store::evidence_files& files, const std::string& sha256,
                              const request& req, std::string cache_control) {
    const std::string etag = "\"" + sha256 + "\"";
    response res;
    res.headers = {{"Cache-Control", std::move(cache_control)}, {"ETag", etag}};
    if (req.if_none_match == etag) {
        res.status = 304;
        return res;
    }
    auto bytes = files.read(sha256);
    if (!bytes)
        return error_response(bytes.error());
    auto kind =
        domain::sniff_file_kind(std::string_view(*bytes).substr(0, store::evidence_head_bytes));
    bool inline_ok = kind && *kind != domain::file_kind::xml;
    res.content_type = kind ? std::string(domain::mime_type(*kind)) : "application/octet-stream";
    res.headers.emplace_back("Content-Disposition",
                             std::string(inline_ok ? "inline" : "attachment") + "; filename=\"" +
                                 sha256 +
                                 (kind ? "." + std::string(domain::to_string(*kind)) : "") + "\"");
    res.body = std::move(*bytes);
    return res;
}

} // namespace asamblea::server
