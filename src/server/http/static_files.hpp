#pragma once
/// The web/ folder, loaded once into memory with content types and ETags, and the page routes.

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

    std::size_t size() const { return files_.size(); }

private:
    struct file {
        std::shared_ptr<const std::string> body;
        std::shared_ptr<const std::string> gzipped; // null when compression does not pay
        std::string content_type;
        std::string etag;
    };
    const file* lookup(const std::string& path) const;
    std::unordered_map<std::string, file> files_;
};

} // namespace asamblea::server
