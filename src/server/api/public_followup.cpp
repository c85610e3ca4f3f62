// The follow-up for everyone (no login), read by the clinic's public page /c/{clues}:
// GET /api/public/c/{clues}/followup?edition= (the board and every work in its public form) and
// GET /api/public/c/{clues}/files/{sha256} (the documents that form names: quotes, invoices,
// contracts, actas de entrega-recepción). Photos have their own route with metadata-free copies.

#include "server/api/app_context.hpp"
#include "server/api/followup_params.hpp"
#include "server/api/path_params.hpp"
#include "server/api/stored_files.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/views/public_followup_json.hpp"
#include "store/evidence_files.hpp"
#include "store/public_files_repo.hpp"
#include "store/store.hpp"

namespace asamblea::server {
namespace {

response public_followup(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto edition = edition_param(req);
    if (!edition)
        return error_response(edition.error());
    auto db = ctx.store.readers().acquire();
    auto board = app::read_board(*db, *clues, *edition, today_in_mexico_city());
    if (!board)
        return error_response(board.error());
    auto works = app::read_works(*db, *board);
    if (!works)
        return error_response(works.error());
    auto res = json_response(to_public_json(*board, *works));
    // Public and the same for everyone: a short cache spares the server a crowd of phones.
    res.headers.emplace_back("Cache-Control", "public, max-age=60");
    return res;
}

response public_file(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    const auto& sha = req.params.at("sha256");
    const auto& files = ctx.store.evidence();
    bool listed = store::is_sha256_hex(sha) && [&] {
        auto db = ctx.store.readers().acquire();
        return store::is_public_document(*db, *clues, sha);
    }();
    if (!listed || !files.exists(sha))
        return error_response({domain::error_kind::not_found, "file_not_found",
                               "No existe ese documento público.", "sha256", 0});
    return stored_file_response(files, sha, req, "public, max-age=86400");
}

} // namespace

void add_public_followup_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/public/c/{clues}/followup", public_followup);
    add_route(r, ctx, "GET", "/api/public/c/{clues}/files/{sha256}", public_file);
}

} // namespace asamblea::server
