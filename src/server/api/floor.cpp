#include "app/floor.hpp"
#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/auth/voter_auth.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/schema_registry.hpp"
#include "server/views/assembly_json.hpp"
#include "store/clock.hpp"
#include "store/floor_repo.hpp"
#include "store/store.hpp"

namespace asamblea::server {
namespace {

using domain::error_kind;

response queue_view(app_context& ctx, const std::string& clues) {
    auto db = ctx.store.readers().acquire();
    auto a = current_assembly(*db, clues);
    if (!a)
        return error_response(a.error());
    return json_response(
        floor_json(store::load_floor(*db, a->id), a->speaker_seconds, store::utc_now()));
}

response request_view(app_context& ctx, std::int64_t assembly_id, std::int64_t id,
                      unsigned status) {
    auto db = ctx.store.readers().acquire();
    auto row = store::find_floor_request(*db, assembly_id, id);
    if (!row)
        return error_response(
            {error_kind::not_found, "not_found", "No existe esa solicitud de palabra.", "", 0});
    return json_response({{"request", to_json(*row)}}, status);
}

/// A moderator's move on the queue; `with_id` routes carry the request's id.
response moderate(app_context& ctx, const request& req,
                  app::command<app::on_assembly<domain::floor_change>> (*make)(std::int64_t),
                  bool with_id) {
    auto target = with_id ? moderated_with_id(ctx, req) : moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto done = ctx.rooms.get(target->clues)->run_sync(make(target->id));
    if (!done)
        return error_response(done.error());
    return queue_view(ctx, target->clues);
}

response get_queue(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    return queue_view(ctx, *clues);
}

/// A voter's own request: asked (201) or withdrawn (200).
response voter_request(app_context& ctx, const request& req,
                       app::command<app::on_assembly<std::int64_t>> (*make)(std::int64_t),
                       unsigned status) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto v = authenticate_voter(ctx, *clues, credential_from_header(req.authorization), req.remote);
    if (!v)
        return error_response(v.error());
    auto done = ctx.rooms.get(*clues)->run_sync(make(v->attendee_id));
    if (!done)
        return error_response(done.error());
    return request_view(ctx, done->assembly.id, done->event, status);
}

response ask(app_context& ctx, const request& req) {
    return voter_request(ctx, req, app::ask_floor, 201);
}

response withdraw(app_context& ctx, const request& req) {
    return voter_request(ctx, req, app::withdraw_floor, 200);
}

response set_speaker_seconds(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "floor_update", req.body);
    if (!body)
        return error_response(body.error());
    auto done = ctx.rooms.get(target->clues)
                    ->run_sync(app::set_speaker_seconds((*body)["speaker_seconds"].get<int>()));
    if (!done)
        return error_response(done.error());
    return queue_view(ctx, target->clues);
}

response next_speaker(app_context& ctx, const request& req) {
    return moderate(
        ctx, req, [](std::int64_t) { return app::next_speaker(); }, false);
}

response give_floor(app_context& ctx, const request& req) {
    return moderate(ctx, req, app::give_floor, true);
}

response end_turn(app_context& ctx, const request& req) {
    return moderate(ctx, req, app::end_turn, true);
}

} // namespace

void add_floor_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/floor", get_queue);
    add_route(r, ctx, "POST", "/api/c/{clues}/floor", ask);
    add_route(r, ctx, "DELETE", "/api/c/{clues}/floor", withdraw);
    add_route(r, ctx, "PATCH", "/api/c/{clues}/floor", set_speaker_seconds);
    add_route(r, ctx, "POST", "/api/c/{clues}/floor/next", next_speaker);
    add_route(r, ctx, "POST", "/api/c/{clues}/floor/{id}/give", give_floor);
    add_route(r, ctx, "POST", "/api/c/{clues}/floor/{id}/done", end_turn);
}

} // namespace asamblea::server
