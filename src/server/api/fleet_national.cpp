// The peer routes of the national views and of the rules across clinics (docs/architecture.md
// «Shards»), answered only to another shard of the map (stamped; 404 no_fleet without a fleet):
//   POST /api/fleet/national/dashboard  this shard's page of the coordinator's dashboard
//   POST /api/fleet/national/live       its assemblies for the public national view
//   POST /api/fleet/national/followup   its follow-up (money and works) of an edition
//   POST /api/fleet/red-flags           its red flags' input, thresholds and reviews
//   GET  /api/fleet/cfdi/{uuid}         the live expense that holds a CFDI UUID here, if any
// The reads take their query as a JSON body (POST, still reads: a replay repeats a read).
#include "domain/followup/cfdi.hpp"
#include "server/api/app_context.hpp"
#include "server/api/peer_access.hpp"
#include "server/fleet/fleet.hpp"
#include "server/fleet/national_reads.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "store/expense_repo.hpp"
#include "store/store.hpp"

#include <optional>

namespace asamblea::server {
namespace {

// A request from another shard of the map, else the error to answer.
std::optional<response> refuse_unless_peer(app_context& ctx, const request& req) {
    if (auto peer = check_peer(ctx, req); !peer)
        return error_response(peer.error());
    return std::nullopt;
}

domain::error peer_bad_query() {
    return {domain::error_kind::invalid, "bad_query", "La consulta entre servidores no es válida.",
            "", 0};
}

// Parses the peer's JSON query with `read`, answers `answer(query)`; bad JSON is 400.
template <class Read, class Answer>
response peer_read(app_context& ctx, const request& req, Read read, Answer answer) {
    if (auto refused = refuse_unless_peer(ctx, req))
        return *refused;
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded())
        return error_response(peer_bad_query());
    try {
        auto query = read(body);
        return answer(query);
    } catch (const nlohmann::json::exception&) {
        return error_response(peer_bad_query());
    }
}

response peer_dashboard(app_context& ctx, const request& req) {
    return peer_read(ctx, req, filter_of, [&](const store::national_filter& f) {
        if (f.limit < 1)
            return error_response(peer_bad_query());
        return json_response(encode_dashboard_part(local_dashboard(ctx, f)));
    });
}

response peer_live(app_context& ctx, const request& req) {
    auto read = [](const nlohmann::json& j) {
        return std::pair{j.at("institucion").get<std::string>(),
                         j.at("entidad").get<std::string>()};
    };
    return peer_read(ctx, req, read, [&](const std::pair<std::string, std::string>& q) {
        return json_response(encode_live_part(local_live(ctx, q.first, q.second)));
    });
}

response peer_followup(app_context& ctx, const request& req) {
    return peer_read(ctx, req, followup_query_of, [&](const app::national_followup_query& q) {
        return json_response(encode_followup_part(local_followup(ctx, q)));
    });
}

response peer_red_flags(app_context& ctx, const request& req) {
    auto read = [](const nlohmann::json& j) {
        std::optional<int> edition;
        if (!j.at("edition").is_null())
            edition = j.at("edition").get<int>();
        return std::pair{edition, j.at("today").get<std::string>()};
    };
    return peer_read(ctx, req, read, [&](const std::pair<std::optional<int>, std::string>& q) {
        auto part = local_flags(ctx, q.first, q.second);
        if (!part)
            return error_response(part.error());
        return json_response(encode_flag_part(*part));
    });
}

response peer_cfdi(app_context& ctx, const request& req) {
    if (auto refused = refuse_unless_peer(ctx, req))
        return *refused;
    auto uuid = domain::normalize_uuid(req.params.at("uuid"));
    if (!uuid)
        return error_response({domain::error_kind::invalid, "cfdi_uuid",
                               "El folio fiscal no es un UUID.", "uuid", 0});
    auto db = ctx.store.readers().acquire();
    auto used = store::find_live_expense_by_uuid(*db, *uuid);
    if (!used)
        return json_response({{"uuid", *uuid}, {"used", false}});
    return json_response({{"uuid", *uuid},
                          {"used", true},
                          {"clues", used->clues},
                          {"work_id", used->work_id},
                          {"expense_id", used->id}});
}

} // namespace

void add_fleet_national_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "POST", "/api/fleet/national/dashboard", peer_dashboard);
    add_route(r, ctx, "POST", "/api/fleet/national/live", peer_live);
    add_route(r, ctx, "POST", "/api/fleet/national/followup", peer_followup);
    add_route(r, ctx, "POST", "/api/fleet/red-flags", peer_red_flags);
    add_route(r, ctx, "GET", "/api/fleet/cfdi/{uuid}", peer_cfdi);
}

} // namespace asamblea::server
