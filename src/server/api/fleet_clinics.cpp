// The peer routes of the clinic directory and of the national schedule (docs/architecture.md
// «Shards»), answered only to another shard of the map (stamped; 404 no_fleet without a fleet):
//   POST /api/fleet/clinics            this shard's first rows of a clinic search, and its total
//   POST /api/fleet/entidades          the states of this shard's clinics
//   POST /api/fleet/national/schedule  the national schedule run on this shard's clinics
// The reads take their query as a JSON body (POST, still reads: a replay repeats a read); the
// schedule is idempotent (app::schedule_clinic), so a replay changes nothing.
#include "server/api/app_context.hpp"
#include "server/api/peer_access.hpp"
#include "server/fleet/clinic_reads.hpp"
#include "server/fleet/fleet.hpp"
#include "server/fleet/national_schedule.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"

#include <optional>

namespace asamblea::server {
namespace {

std::optional<response> refuse_unless_clinic_peer(app_context& ctx, const request& req) {
    if (auto peer = check_peer(ctx, req); !peer)
        return error_response(peer.error());
    return std::nullopt;
}

response clinic_peer_bad_query() {
    return error_response({domain::error_kind::invalid, "bad_query",
                           "La consulta entre servidores no es válida.", "", 0});
}

response peer_clinics(app_context& ctx, const request& req) {
    if (auto refused = refuse_unless_clinic_peer(ctx, req))
        return *refused;
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded())
        return clinic_peer_bad_query();
    try {
        auto q = clinic_query_of(body);
        bool with_csv = body.at("csv").get<bool>();
        if (q.page < 1 || q.per_page < 1 || q.per_page > max_fleet_clinic_rows)
            return clinic_peer_bad_query();
        return json_response(encode_clinic_part(local_clinics(ctx, q, with_csv)));
    } catch (const nlohmann::json::exception&) {
        return clinic_peer_bad_query();
    }
}

response peer_entidades(app_context& ctx, const request& req) {
    if (auto refused = refuse_unless_clinic_peer(ctx, req))
        return *refused;
    return json_response({{"items", local_entidades(ctx)}});
}

response peer_schedule(app_context& ctx, const request& req) {
    if (auto refused = refuse_unless_clinic_peer(ctx, req))
        return *refused;
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded())
        return clinic_peer_bad_query();
    std::pair<domain::principal, schedule_request> asked;
    try {
        asked = schedule_of(body);
    } catch (const nlohmann::json::exception&) {
        return clinic_peer_bad_query();
    }
    auto done = schedule_own_clinics(ctx, asked.first, asked.second);
    if (!done)
        return error_response(done.error());
    return json_response(tally_json(*done));
}

} // namespace

void add_fleet_clinic_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "POST", "/api/fleet/clinics", peer_clinics);
    add_route(r, ctx, "POST", "/api/fleet/entidades", peer_entidades);
    add_route(r, ctx, "POST", "/api/fleet/national/schedule", peer_schedule);
}

} // namespace asamblea::server
