// Incidents the moderator notes during the assembly (issue 15): printed in the acta, which is
// public once the assembly is cerrada; never shown on a public page before that.

#include "app/incidents.hpp"
#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/rooms/room_registry.hpp"
#include "server/schema_registry.hpp"
#include "server/views/incident_json.hpp"
#include "store/store.hpp"

namespace asamblea::server {
namespace {

response list_incidents_route(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto db = ctx.store.readers().acquire();
    auto rows = app::read_incidents(*db, target->clues);
    if (!rows)
        return error_response(rows.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : *rows)
        items.push_back(incident_to_json(i));
    return json_response({{"items", items}});
}

response note_incident_route(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "incident_create", req.body);
    if (!body)
        return error_response(body.error());
    auto done =
        ctx.rooms.get(target->clues)
            ->run_sync(app::note_incident(target->who.user_id, (*body)["text"].get<std::string>()));
    if (!done)
        return error_response(done.error());
    auto db = ctx.store.readers().acquire();
    for (const auto& i : store::list_incidents(*db, done->assembly.id))
        if (i.id == done->event.id)
            return json_response(incident_to_json(i), 201);
    return json_response({{"id", done->event.id}, {"text", done->event.text}}, 201);
}

} // namespace

void add_incident_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/incidents", list_incidents_route);
    add_route(r, ctx, "POST", "/api/c/{clues}/incidents", note_incident_route);
}

} // namespace asamblea::server
