#include "domain/assembly/assembly_state.hpp"
#include "domain/assembly/floor_queue.hpp"
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

domain::status floor_open(SQLite::Database&, const store::assembly_row& a) {
    return domain::require_floor_open(a.state);
}

domain::error floor_changed() {
    return {error_kind::conflict, "floor_changed",
            "La fila para hablar cambió mientras tanto. Actualice la página.", "", 0};
}

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

// A moderator's move on the queue: the domain decides on a fresh copy of the queue, and the
// write applies that decision only if the rows are still as they were.
response moderate(app_context& ctx, const request& req, bool needs_open,
                  const std::function<domain::result<domain::floor_change>(domain::floor_queue&,
                                                                           std::int64_t)>& decide) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    std::int64_t id = 0;
    if (req.params.contains("id")) {
        auto parsed = path_id(req, "id");
        if (!parsed)
            return error_response(parsed.error());
        id = *parsed;
    }
    auto done = checked_assembly_command<domain::floor_change>(
        ctx, target->clues, needs_open ? assembly_check(floor_open) : nullptr,
        [&](SQLite::Database& db, const store::assembly_row& a) {
            auto queue = store::load_floor(db, a.id).queue();
            return decide(queue, id);
        },
        [clues = target->clues](store::write_context& w, const store::assembly_row& a,
                                domain::floor_change& change) -> domain::status {
            if (!store::apply_floor_change(w, clues, a.id, change))
                return std::unexpected(floor_changed());
            return {};
        });
    if (!done)
        return error_response(done.error());
    return queue_view(ctx, target->clues);
}

response ask(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto v = authenticate_voter(ctx, *clues, credential_from_header(req.authorization), req.remote);
    if (!v)
        return error_response(v.error());
    auto done = checked_assembly_command<std::int64_t>(
        ctx, *clues, floor_open,
        [&](SQLite::Database& db, const store::assembly_row& a) -> domain::result<std::int64_t> {
            if (auto ok = store::load_floor(db, a.id).queue().can_ask(v->attendee_id); !ok)
                return std::unexpected(ok.error());
            return 0;
        },
        // The partial UNIQUE index (one open request per attendee) is the final word.
        [clues = *clues, attendee = v->attendee_id](store::write_context& w,
                                                    const store::assembly_row& a,
                                                    std::int64_t& request_id) -> domain::status {
            auto id = store::insert_floor_request(w, clues, a.id, attendee);
            if (!id)
                return std::unexpected(id.error());
            request_id = *id;
            return {};
        });
    if (!done)
        return error_response(done.error());
    return request_view(ctx, done->a.id, done->event, 201);
}

response withdraw(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto v = authenticate_voter(ctx, *clues, credential_from_header(req.authorization), req.remote);
    if (!v)
        return error_response(v.error());
    // Not a checked command: the write does not look at the assembly again; it moves the
    // request only while it is still waiting.
    auto done = room_command<assembly_event<std::int64_t>>(
        ctx, *clues,
        [&](SQLite::Database& db) -> domain::result<assembly_event<std::int64_t>> {
            auto a = current_assembly(db, *clues);
            if (!a)
                return std::unexpected(a.error());
            auto queue = store::load_floor(db, a->id).queue();
            auto id = queue.withdraw(v->attendee_id);
            if (!id)
                return std::unexpected(id.error());
            return assembly_event<std::int64_t>{*a, *id};
        },
        [clues = *clues](store::write_context& w,
                         assembly_event<std::int64_t>& e) -> domain::status {
            if (!store::withdraw_floor_request(w, clues, e.a.id, e.event))
                return std::unexpected(floor_changed());
            return {};
        });
    if (!done)
        return error_response(done.error());
    return request_view(ctx, done->a.id, done->event, 200);
}

response set_speaker_seconds(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "floor_update", req.body);
    if (!body)
        return error_response(body.error());
    int seconds = (*body)["speaker_seconds"];
    if (auto ok = domain::check_speaker_seconds(seconds); !ok)
        return error_response(ok.error());
    auto done = checked_assembly_command(
        ctx, target->clues, nullptr,
        [seconds](store::write_context& w, const store::assembly_row& a) -> domain::status {
            store::update_speaker_seconds(w, a, seconds);
            return {};
        });
    if (!done)
        return error_response(done.error());
    return queue_view(ctx, target->clues);
}

} // namespace

void add_floor_routes(router& r, app_context& ctx) {
    r.add("GET", "/api/c/{clues}/floor", [&ctx](const request& req) {
        auto clues = path_clues(req);
        if (!clues)
            return error_response(clues.error());
        return queue_view(ctx, *clues);
    });
    r.add("POST", "/api/c/{clues}/floor", [&ctx](const request& req) { return ask(ctx, req); });
    r.add("DELETE", "/api/c/{clues}/floor",
          [&ctx](const request& req) { return withdraw(ctx, req); });
    r.add("PATCH", "/api/c/{clues}/floor",
          [&ctx](const request& req) { return set_speaker_seconds(ctx, req); });
    r.add("POST", "/api/c/{clues}/floor/next", [&ctx](const request& req) {
        return moderate(ctx, req, true,
                        [](domain::floor_queue& q, std::int64_t) { return q.next(); });
    });
    r.add("POST", "/api/c/{clues}/floor/{id}/give", [&ctx](const request& req) {
        return moderate(ctx, req, true,
                        [](domain::floor_queue& q, std::int64_t id) { return q.give(id); });
    });
    r.add("POST", "/api/c/{clues}/floor/{id}/done", [&ctx](const request& req) {
        return moderate(ctx, req, false,
                        [](domain::floor_queue& q, std::int64_t id) { return q.done(id); });
    });
}

} // namespace asamblea::server
