#include "server/http/static_files.hpp"

#include "server/http/asset_names.hpp"
#include "server/http/error_response.hpp"
#include "server/http/page_layout.hpp"
#include "store/crypto.hpp"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace asamblea::server {
namespace {

std::string content_type_for(const std::string& path) {
    auto ext = std::filesystem::path(path).extension().string();
    if (ext == ".html")
        return "text/html; charset=utf-8";
    if (ext == ".css")
        return "text/css; charset=utf-8";
    if (ext == ".js" || ext == ".mjs")
        return "text/javascript; charset=utf-8";
    if (ext == ".json")
        return "application/json; charset=utf-8";
    if (ext == ".svg")
        return "image/svg+xml";
    if (ext == ".png")
        return "image/png";
    if (ext == ".ico")
        return "image/x-icon";
    if (ext == ".webmanifest")
        return "application/manifest+json";
    if (ext == ".txt")
        return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

// Pages are compressed once at start-up: phones on weak networks get a third of the bytes.
std::shared_ptr<const std::string> gzip(const std::string& in) {
    z_stream z{};
    // windowBits 15 + 16 asks zlib for the gzip wrapper browsers accept.
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return nullptr;
    std::string out(deflateBound(&z, in.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END || out.size() + 64 >= in.size())
        return nullptr;
    return std::make_shared<const std::string>(std::move(out));
}

bool is_page_name(const std::string& s) {
    if (s.empty() || s.size() > 40)
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    return true;
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

// web/partials/: the header and footer the pages share (page_layout.hpp), by file stem.
page_partials read_partials(const std::filesystem::path& folder) {
    page_partials partials;
    if (!std::filesystem::is_directory(folder))
        return partials;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.is_regular_file() && entry.path().extension() == ".html")
            partials.emplace(entry.path().stem().string(), read_file(entry.path()));
    return partials;
}

} // namespace

static_files::file static_files::make_file(std::string text, const std::string& type,
                                           bool immutable) {
    auto body = std::make_shared<const std::string>(std::move(text));
    std::string etag(1, '"');
    etag += store::sha256_hex(*body).substr(0, 20);
    etag += '"';
    bool compressible = type.starts_with("text/") || type.starts_with("application/json") ||
                        type.starts_with("image/svg") || type.starts_with("application/manifest");
    auto packed = compressible ? gzip(*body) : nullptr;
    return file{std::move(body), std::move(packed), type, std::move(etag), immutable};
}

static_files::static_files(const std::string& root) {
    namespace fs = std::filesystem;
    if (!fs::is_directory(root))
        throw std::runtime_error("web folder not found: " + root);
    const auto partials = read_partials(fs::path(root) / "partials");
    std::map<std::string, std::string> texts;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file())
            continue;
        // Appending instead of operator+ sidesteps a GCC 12 -Wrestrict false positive in Release.
        std::string rel(1, '/');
        rel += fs::relative(entry.path(), root).generic_string();
        // Partials are pieces of pages, not pages: they are served only inside the pages.
        if (rel.starts_with("/partials/"))
            continue;
        std::string text = read_file(entry.path());
        // Filled once here, so the ETag and the gzip below are those of the page as sent.
        if (entry.path().extension() == ".html") {
            try {
                text = fill_layout(text, partials);
            } catch (const std::exception& e) {
                throw std::runtime_error(rel + ": " + e.what());
            }
        }
        texts.emplace(std::move(rel), std::move(text));
    }
    // Scripts, styles and images get a second, content-hashed name that may be cached for a
    // year; the pages (and the styles and modules) are rewritten to ask for it.
    auto named = name_assets(texts);
    for (auto& [rel, text] : texts) {
        auto& asset = named.at(rel);
        auto type = content_type_for(rel);
        if (asset.hashed_path.empty()) {
            files_.emplace(rel, make_file(std::move(asset.body), type, false));
            continue;
        }
        // The plain name keeps the text as written (it imports the plain names), for
        // bookmarks, tests and pages cached before the server started.
        bool same = asset.body == text;
        auto hashed = make_file(std::move(asset.body), type, true);
        auto plain = same ? file{hashed.body, hashed.gzipped, type, hashed.etag, false}
                          : make_file(std::move(text), type, false);
        files_.emplace(rel, std::move(plain));
        hashed_names_.emplace(rel, asset.hashed_path);
        files_.emplace(asset.hashed_path, std::move(hashed));
    }
    count_ = texts.size();
}

std::string static_files::hashed_name(const std::string& path) const {
    auto it = hashed_names_.find(path);
    return it == hashed_names_.end() ? std::string{} : it->second;
}

const static_files::file* static_files::lookup(const std::string& path) const {
    auto it = files_.find(path);
    return it == files_.end() ? nullptr : &it->second;
}

response static_files::serve(const request& req) const {
    const std::string& path = req.path;
    const file* f = nullptr;
    bool stale = false;
    if (path == "/") {
        f = lookup("/index.html");
    } else if (path.starts_with("/c/")) {
        // /c/{clues}, /c/{clues}/ → clinic page; /c/{clues}/{page} → {page}.html
        std::string rest = path.substr(3);
        auto slash = rest.find('/');
        std::string page = slash == std::string::npos ? "" : rest.substr(slash + 1);
        if (!page.empty() && page.back() == '/')
            page.pop_back();
        if (page.empty())
            f = lookup("/clinic.html");
        else if (is_page_name(page))
            f = lookup("/" + page + ".html");
    } else if (path == "/nacional/alertas" || path == "/nacional/alertas/") {
        f = lookup("/alertas.html"); // the red flags for auditors
    } else if (path.find("..") == std::string::npos) {
        f = lookup(path);
        // /nacional → nacional.html: a public page with an address people can type.
        if (!f && is_page_name(path.substr(1)))
            f = lookup(path + ".html");
        // A hashed name this start did not make (a page loaded before the server was updated
        // asking for a module it imports late): today's file, to be revalidated, not kept.
        if (!f) {
            if (auto name = hashed_name(without_hash(path)); !name.empty()) {
                f = lookup(name);
                stale = true;
            }
        }
    }
    if (!f)
        return not_found(req);
    response res;
    res.content_type = f->content_type;
    // A hashed name always means the same bytes: kept a year, never revalidated. Pages and the
    // plain names are revalidated with the ETag.
    res.headers.emplace_back("Cache-Control", f->immutable && !stale
                                                  ? "public, max-age=31536000, immutable"
                                                  : "no-cache");
    res.headers.emplace_back("ETag", f->etag);
    res.headers.emplace_back("Vary", "Accept-Encoding");
    if (req.if_none_match == f->etag) {
        res.status = 304;
        return res;
    }
    if (f->gzipped && req.accept_encoding.find("gzip") != std::string::npos) {
        res.headers.emplace_back("Content-Encoding", "gzip");
        res.body = *f->gzipped;
        return res;
    }
    res.body = *f->body;
    return res;
}

response static_files::not_found(const request& req) const {
    if (req.accept.find("text/html") != std::string::npos) {
        if (const file* page = lookup("/404.html")) {
            response res;
            res.status = 404;
            res.content_type = page->content_type;
            res.body = *page->body;
            res.headers.emplace_back("Cache-Control", "no-cache");
            return res;
        }
    }
    return error_response(domain::error{domain::error_kind::not_found, "not_found",
                                        "No encontramos esa página.", ""});
}

} // namespace asamblea::server
