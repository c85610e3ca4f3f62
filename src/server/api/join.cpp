#include "server/api/app_context.hpp"

#include "domain/net/link_origin.hpp"
#include "server/api/assembly_access.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/views/link_origin_json.hpp"
#include "server/views/qr_svg.hpp"

namespace asamblea::server {

std::string public_origin(const app_context& ctx, const request& req) {
    return domain::choose_link_origin(ctx.public_url, req.host, ctx.lan_addresses, ctx.scheme)
        .origin;
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

// The origin of the links phones get, and whether they can open it: the moderator's page and
// the projector print it, and warn when it is a loopback name.
response link_origin(app_context& ctx, const request& req) {
    auto chosen =
        domain::choose_link_origin(ctx.public_url, req.host, ctx.lan_addresses, ctx.scheme);
    response res;
    res.body = to_json(chosen).dump();
    res.headers.emplace_back("Cache-Control", "no-cache");
    return res;
}

} // namespace

void add_join_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/join-qr.svg", join_qr);
    add_route(r, ctx, "GET", "/api/link-origin", link_origin);
}

} // namespace asamblea::server
