#pragma once
/// The web/ folder, loaded once into memory with content types and ETags, and the page routes.
/// Scripts, styles and images are also served under content-hashed names (asset_names.hpp).

#include "server/http/http_types.hpp"

#include <memory>
#include <string>
#include <unordered_map>

namespace asamblea::server {

class static_files {
public:
    /// Reads every file under root, the pages with their header and footer filled in
    /// (page_layout.hpp; web/partials/ itself is not served); throws if root is not a folder
    /// or a page names a partial wrongly.
    explicit static_files(const std::string& root);

    /// Serves GET/HEAD for a page or file path; nullptr-like status 0 when nothing matches.
    response serve(const request& req) const;

    /// The 404 page or JSON, depending on what the client accepts.
    response not_found(const request& req) const;

    /// The number of files of web/ served (their hashed names not counted again).
    std::size_t size() const { return count_; }

    /// "/js/votar.3f2a9c1d.js" for "/js/votar.js"; empty for pages and unknown paths.
    std::string hashed_name(const std::string& path) const;

private:
    struct file {
        std::shared_ptr<const std::string> body;
        std::shared_ptr<const std::string> gzipped; // null when compression does not pay
        std::string content_type;
        std::string etag;
        bool immutable = false; // a content-hashed name
    };
    static file make_file(std::string text, const std::string& type, bool immutable);
    const file* lookup(const std::string& path) const;
    std::unordered_map<std::string, file> files_;
    std::unordered_map<std::string, std::string> hashed_names_; // plain path → hashed path
    std::size_t count_ = 0;
};

} // namespace asamblea::server
