// The peer routes, `/api/fleet/…`: what one shard asks another (docs/architecture.md «Shards»).
// Only a request stamped with the fleet key by another shard of the map is answered; HAProxy
// refuses the prefix from outside (cmd_haproxy_config), so the stamp is a second wall.
// GET /api/fleet/ping: which shard answers, to check a fleet's key and clocks.
#include "server/fleet/fleet.hpp"
#include "server/api/app_context.hpp"
#include "server/api/peer_access.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"

namespace asamblea::server {
namespace {

response fleet_ping(app_context& ctx, const request& req) {
    auto peer = check_peer(ctx, req);
    if (!peer)
        return error_response(peer.error());
    return json_response({{"shard", ctx.fleet->self()}, {"asked_by", *peer}});
}

} // namespace

void add_fleet_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/fleet/ping", fleet_ping);
}

} // namespace asamblea::server
