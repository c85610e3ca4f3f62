#pragma once
/// Content-hashed names for the scripts, styles and images of web/, computed when the server
/// loads the folder (no build step): /js/votar.js is also served as /js/votar.3f2a9c1d.js, and
/// the pages, styles and modules that name it are rewritten to ask for that name, which may be
/// cached for a year because its content never changes.

#include <map>
#include <string>
#include <string_view>

namespace asamblea::server {

/// Hex digits of the SHA-256 kept in a hashed name.
inline constexpr std::size_t asset_hash_length = 8;

/// One file of web/ with its hashed name (empty for pages) and its text with the references
/// to other files rewritten to their hashed names.
struct named_asset {
    std::string hashed_path; // "/js/votar.3f2a9c1d.js"; empty for .html pages
    std::string body;        // as served under hashed_path (pages: as served under their path)
};

/// Names every file of `files` (web path → content, pages already filled with their partials).
/// Rewritten references: in pages, the absolute `src`/`href` of `<script>`, `<link>` and `<img>`;
/// in styles, `url(...)` and `@import`; in modules, the literal specifiers of `import ... from`,
/// `export ... from`, `import '...'` and `import('...')`. A reference to a file not in `files`
/// (or with a query) stays as written. A file's hash covers the hashed names it refers to, so a
/// change reaches every file that imports it; files that import each other in a cycle share one
/// hash over all of them.
std::map<std::string, named_asset> name_assets(const std::map<std::string, std::string>& files);

/// "/js/votar.js" + "3f2a9c1d" → "/js/votar.3f2a9c1d.js" (also for relative specifiers).
std::string with_hash(std::string_view path, std::string_view hash);

/// "/js/votar.3f2a9c1d.js" → "/js/votar.js" when the name carries a hash of the right form;
/// empty otherwise.
std::string without_hash(std::string_view path);

} // namespace asamblea::server
