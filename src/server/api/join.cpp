#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/views/qr_svg.hpp"

namespace asamblea::server {

std::string public_origin(const app_context& ctx, const request& req) {
    if (!ctx.public_url.empty())
        return ctx.public_url;
    return req.host.empty() ? std::string() : "http://" + req.host;
}

namespace {

// The projector's QR: the voting page of this clinic, where people type or scan their code.
response join_qr(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto svg = qr_svg(public_origin(ctx, req) + "/c/" + *clues + "/votar");
    if (!svg)
        return error_response(svg.error());
    response res;
    res.content_type = "image/svg+xml";
    res.body = std::move(*svg);
    res.headers.emplace_back("Cache-Control", "no-cache");
    return res;
}

} // namespace

void add_join_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/join-qr.svg", join_qr);
}

} // namespace asamblea::server
