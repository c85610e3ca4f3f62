// Evidence files (the follow-up): GET /api/c/{clues}/files/{sha256} serves a stored file to
// the clinic's staff; GET /api/public/c/{clues}/photos/{sha256} serves anyone the copy of a
// photo without its metadata (the original, with its GPS position, stays for the staff). Uploads
// (POST /api/c/{clues}/files) stream to disk from the HTTP session itself (http/upload_route,
// api/upload_intake), never through a handler's in-memory body.

#include "documents/photo_metadata.hpp"
#include "domain/followup/file_kind.hpp"
#include "domain/staff.hpp"
#include "server/api/access.hpp"
#include "server/api/app_context.hpp"
#include "server/api/followup_access.hpp"
#include "server/api/path_params.hpp"
#include "server/api/stored_files.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "store/evidence_repo.hpp"
#include "store/store.hpp"

#include <algorithm>

namespace asamblea::server {
namespace {

response evidence_file(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    const auto& sha = req.params.at("sha256");
    const auto& files = ctx.store.evidence();
    bool named = false;
    {
        auto db = ctx.store.readers().acquire();
        auto who = followup_staff(ctx, req, *clues, *db);
        if (!who)
            return error_response(who.error());
        // A malformed name is simply no file: nothing is ever looked up from it. A clinic serves
        // only the files its own records name, so another clinic's proof is not readable here.
        named = store::is_sha256_hex(sha) && store::clinic_names_file(*db, *clues, sha);
    }
    if (!named || !files.exists(sha))
        return error_response({domain::error_kind::not_found, "file_not_found",
                               "No existe ese archivo.", "sha256", 0});
    return stored_file_response(files, sha, req, "private, max-age=31536000, immutable");
}

response no_public_photo() {
    return error_response({domain::error_kind::not_found, "photo_not_found",
                           "No existe esa foto pública.", "sha256", 0});
}

// No login: the public sees the photos of the clinic's works, never the original file. Only a
// photo (before, during, after) of live evidence of this clinic has a public copy; a document,
// a voided photo, another clinic's file or an unknown name is simply not there.
response public_photo(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return no_public_photo();
    const auto& sha = req.params.at("sha256");
    if (!store::is_sha256_hex(sha))
        return no_public_photo();
    {
        auto db = ctx.store.readers().acquire();
        auto kinds = store::live_evidence_kinds(*db, *clues, sha);
        if (std::ranges::none_of(kinds, domain::is_photo))
            return no_public_photo();
    }
    // The copy's bytes follow from the original's, named by its hash: never stale.
    const std::string etag = "\"public-" + sha + "\"";
    response res;
    res.headers = {{"Cache-Control", "public, max-age=31536000, immutable"},
                   {"ETag", etag},
                   {"X-Content-Type-Options", "nosniff"}};
    if (req.if_none_match == etag && ctx.store.evidence().exists(sha)) {
        res.status = 304;
        return res;
    }
    auto copy = ctx.store.evidence().public_copy(sha, documents::strip_photo_metadata);
    if (!copy)
        return copy.error().kind == domain::error_kind::not_found ? no_public_photo()
                                                                  : error_response(copy.error());
    auto kind =
        domain::sniff_file_kind(std::string_view(*copy).substr(0, store::evidence_head_bytes));
    if (!kind) // the stripping answers only JPEG, PNG or WebP; never guess
        return no_public_photo();
    res.content_type = std::string(domain::mime_type(*kind));
    res.headers.emplace_back("Content-Disposition", "inline; filename=\"" + sha + "." +
                                                        std::string(domain::to_string(*kind)) +
                                                        "\"");
    res.body = std::move(*copy);
    return res;
}

} // namespace

void add_evidence_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/files/{sha256}", evidence_file);
    add_route(r, ctx, "GET", "/api/public/c/{clues}/photos/{sha256}", public_photo);
}

} // namespace asamblea::server
