#include "app/assemblies.hpp"
#include "domain/assembly/assembly_state.hpp"
#include "domain/assembly/schedule_time.hpp"
#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/auth/auth_service.hpp"
#include "server/fleet/national_schedule.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/schema_registry.hpp"
#include "store/round_repo.hpp"
#include "store/schedule_repo.hpp"
#include "store/store.hpp"

#include <memory>
#include <optional>
#include <vector>

namespace asamblea::server {
namespace {

using domain::error_kind;

response current_view(app_context& ctx, const std::string& clues, unsigned status = 200) {
    auto db = ctx.store.readers().acquire();
    auto a = current_assembly(*db, clues);
    if (!a)
        return error_response(a.error());
    return json_response(assembly_view(*db, *a), status);
}

response get_assembly(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    return current_view(ctx, *clues);
}

response create_assembly(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto who = staff(ctx, req, {domain::role::coordinator}, *clues);
    if (!who)
        return error_response(who.error());
    auto body = parse_body(ctx.schemas, "assembly_create", req.body);
    if (!body)
        return error_response(body.error());
    auto at = domain::normalize_utc_timestamp((*body)["scheduled_at"].get<std::string>());
    if (!at)
        return error_response(at.error());
    auto done = ctx.rooms.get(*clues)->run_sync(
        app::create_assembly({(*body)["edition"].get<int>(), *at, body->value("quorum_min", 0)}));
    if (!done)
        return error_response(done.error());
    return current_view(ctx, *clues, 201);
}

response transition_assembly(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "assembly_transition", req.body);
    if (!body)
        return error_response(body.error());
    auto to = domain::parse_assembly_state((*body)["to"].get<std::string>());
    auto done = ctx.rooms.get(target->clues)
                    ->run_sync(app::transition_assembly(*to, ctx.store.ballot_keys()));
    if (!done)
        return error_response(done.error());
    return current_view(ctx, target->clues);
}

response update_assembly(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "assembly_update", req.body);
    if (!body)
        return error_response(body.error());
    auto done = ctx.rooms.get(target->clues)
                    ->run_sync(app::update_quorum((*body)["quorum_min"].get<int>()));
    if (!done)
        return error_response(done.error());
    return current_view(ctx, target->clues);
}

response schedule_national(app_context& ctx, const request& req) {
    auto who = ctx.auth.authenticate(req.bearer());
    if (!who)
        return error_response(who.error());
    if (auto ok = domain::authorize(*who, {domain::role::coordinator}, ""); !ok)
        return error_response(ok.error());
    auto body = parse_body(ctx.schemas, "national_schedule", req.body);
    if (!body)
        return error_response(body.error());
    auto at = domain::mexico_city_to_utc((*body)["local_datetime"].get<std::string>());
    if (!at)
        return error_response(at.error());
    std::string institucion = (*body)["institucion"];
    std::string entidad = body->value("entidad", "");
    int edition = (*body)["edition"];
    std::optional<int> quorum;
    if (body->contains("quorum_min"))
        quorum = (*body)["quorum_min"].get<int>();

    // Every shard convenes its own clinics (fleet/national_schedule); a shard that does not
    // answer is named and its clinics are not counted.
    auto done = schedule_fleet(ctx, *who, {institucion, entidad, edition, *at, quorum});
    if (!done)
        return error_response(done.error());
    const auto& t = done->value;
    if (t.found == 0 && done->missing.empty())
        return error_response({error_kind::not_found, "no_clinics",
                               "Ninguna unidad de su alcance coincide con esa institución" +
                                   std::string(entidad.empty() ? "" : " y entidad") + ".",
                               "institucion", 0});
    nlohmann::json out{{"scheduled", t.created + t.updated},
                       {"created", t.created},
                       {"updated", t.updated},
                       {"skipped", t.skipped},
                       {"scheduled_at", *at}};
    out.update(fleet_completeness(ctx, done->missing));
    return json_response(out);
}

} // namespace

void add_assembly_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/assembly", get_assembly);
    add_route(r, ctx, "POST", "/api/c/{clues}/assembly", create_assembly);
    add_route(r, ctx, "PATCH", "/api/c/{clues}/assembly", update_assembly);
    add_route(r, ctx, "POST", "/api/c/{clues}/assembly/transition", transition_assembly);
    add_route(r, ctx, "POST", "/api/national/schedule", schedule_national);
}

} // namespace asamblea::server
