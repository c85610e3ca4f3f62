// The peer route of the open-data follow-up (docs/architecture.md «Shards»), answered only to
// another shard of the map (stamped; 404 no_fleet without a fleet):
//   POST /api/fleet/open/followup  this shard's public records of every clinic's closed works
// POST like the national parts (fleet/national_gather asks with a JSON query; this one is `{}`).
#include "server/api/app_context.hpp"
#include "server/api/peer_access.hpp"
#include "server/fleet/fleet.hpp"
#include "server/fleet/open_data_reads.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"

namespace asamblea::server {
namespace {

response peer_open_followup(app_context& ctx, const request& req) {
    if (auto peer = check_peer(ctx, req); !peer)
        return error_response(peer.error());
    return json_response(encode_open_followup_part(local_open_followup(ctx)));
}

} // namespace

void add_fleet_open_data_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "POST", "/api/fleet/open/followup", peer_open_followup);
}

} // namespace asamblea::server
