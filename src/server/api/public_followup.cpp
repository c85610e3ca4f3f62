// The follow-up for everyone (no login), read by the clinic's public page /c/{clues}:
// GET /api/public/c/{clues}/followup?edition= (the board and every work in its public form) and
// GET /api/public/c/{clues}/files/{sha256} (the documents that form names: quotes, invoices,
// contracts, actas de entrega-recepción). Photos have their own route with metadata-free copies.

#include "domain/followup/file_kind.hpp"
#include "server/api/app_context.hpp"
#include "server/api/followup_params.hpp"
#include "server/api/path_params.hpp"
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
    std::vector<app::work_detail> works;
    for (const auto& summary : board->works) {
        auto work = app::read_work(*db, *clues, summary.item.id);
        if (!work)
            return error_response(work.error());
        works.push_back(std::move(*work));
    }
    auto res = json_response(to_public_json(*board, works));
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
    const std::string etag = "\"" + sha + "\"";
    response res;
    res.headers = {{"Cache-Control", "public, max-age=86400"}, {"ETag", etag}};
    if (req.if_none_match == etag) {
        res.status = 304;
        return res;
    }
    auto bytes = files.read(sha);
    if (!bytes)
        return error_response(bytes.error());
    auto kind =
        domain::sniff_file_kind(std::string_view(*bytes).substr(0, store::evidence_head_bytes));
    // Documents only (PDF, an invoice's XML, or a quote photographed): XML is a download, so a
    // browser never renders markup someone uploaded.
    bool inline_ok = kind && *kind != domain::file_kind::xml;
    res.content_type = kind ? std::string(domain::mime_type(*kind)) : "application/octet-stream";
    res.headers.emplace_back("Content-Disposition",
                             std::string(inline_ok ? "inline" : "attachment") + "; filename=\"" +
                                 sha + (kind ? "." + std::string(domain::to_string(*kind)) : "") +
                                 "\"");
    res.body = std::move(*bytes);
    return res;
}

} // namespace

void add_public_followup_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/public/c/{clues}/followup", public_followup);
    add_route(r, ctx, "GET", "/api/public/c/{clues}/files/{sha256}", public_file);
}

} // namespace asamblea::server
