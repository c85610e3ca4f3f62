// The moderator's rounds: GET the list, prepare, runoff, open, close, reveal, live, cancel, and
// the public list of counted ballots once a round closes.
#include "app/rounds.hpp"
#include "domain/assembly/credential_code.hpp"
#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/rooms/room_registry.hpp"
#include "server/schema_registry.hpp"
#include "server/views/round_json.hpp"
#include "store/round_repo.hpp"

namespace asamblea::server {
namespace {

/// The round as the wire shows it, read on the room's strand so counts are current.
nlohmann::json round_reply(room& r, std::int64_t round_id) {
    return r.read_sync([&]() -> nlohmann::json {
        const auto& current = r.state().round();
        if (current && current->id == round_id)
            return round_json(r.state(), *current, true);
        auto db = r.db().readers().acquire();
        auto row = store::find_round(*db, round_id);
        return row ? round_json(r.state(), *row, false) : nlohmann::json(nullptr);
    });
}

/// Runs a round command in the clinic's room and answers with the round as it stands after it.
response run_round_command(app_context& ctx, const std::string& clues,
                           app::command<app::round_event> cmd, unsigned status = 200) {
    auto room = ctx.rooms.get(clues);
    auto done = room->run_sync(std::move(cmd));
    if (!done)
        return error_response(done.error());
    return json_response(round_reply(*room, done->round_id), status);
}

response list_rounds(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto room = ctx.rooms.get(*clues);
    auto items = room->read_sync([&]() -> nlohmann::json {
        nlohmann::json out = nlohmann::json::array();
        auto db = room->db().readers().acquire();
        const auto& current = room->state().round();
        for (const auto& row : store::list_rounds(*db, room->state().info().assembly_id))
            out.push_back(current && current->id == row.id
                              ? round_json(room->state(), *current, true)
                              : round_json(room->state(), row, false));
        return out;
    });
    return json_response({{"items", items}});
}

response create_round(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "round_create", req.body);
    if (!body)
        return error_response(body.error());
    return run_round_command(ctx, target->clues, app::create_round(round_request_from(*body)), 201);
}

// A single-seat election that tied: a new round among the tied only (same role), ready to open.
response create_runoff(app_context& ctx, const request& req) {
    auto target = moderated_with_id(ctx, req);
    if (!target)
        return error_response(target.error());
    return run_round_command(ctx, target->clues, app::create_runoff(target->id), 201);
}

response open_round(app_context& ctx, const request& req) {
    auto target = moderated_with_id(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "round_open", req.body.empty() ? "{}" : req.body);
    if (!body)
        return error_response(body.error());
    return run_round_command(ctx, target->clues,
                             app::open_round(target->id, body->value("duration_seconds", 0),
                                             body->value("confirm_without_quorum", false)));
}

// Closes at once (200, the closed round) unless connected phones still have a vote in flight:
// then 202, the round still open with `closing`, and the room closes it when the last one
// arrives or the close grace is over. No worker waits for that.
response close_round(app_context& ctx, const request& req) {
    auto target = moderated_with_id(ctx, req);
    if (!target)
        return error_response(target.error());
    auto room = ctx.rooms.get(target->clues);
    auto outcome = room->close_round_sync(target->id);
    if (!outcome)
        return error_response(outcome.error());
    auto body = round_reply(*room, target->id);
    if (!outcome->waiting)
        return json_response(body);
    body["closing"] = true;
    body["pending_votes"] = outcome->pending_votes;
    body["close_grace_ms"] = outcome->grace.count();
    return json_response(body, 202);
}

response reveal_round(app_context& ctx, const request& req) {
    auto target = moderated_with_id(ctx, req);
    if (!target)
        return error_response(target.error());
    return run_round_command(ctx, target->clues, app::reveal_round(target->id));
}

response set_live_results(app_context& ctx, const request& req) {
    auto target = moderated_with_id(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "round_live", req.body);
    if (!body)
        return error_response(body.error());
    return run_round_command(ctx, target->clues,
                             app::set_live_results(target->id, (*body)["enabled"].get<bool>()));
}

// A round prepared by mistake is voided (kept and audited), never deleted. Once it opened,
// people may have voted: 409, it can only be closed. The room then falls back to the round
// before it, so the moderator can prepare another.
response cancel_round(app_context& ctx, const request& req) {
    auto target = moderated_with_id(ctx, req);
    if (!target)
        return error_response(target.error());
    return run_round_command(ctx, target->clues, app::cancel_round(target->id));
}

// A phone reads a round of a thousand ballots a page at a time.
constexpr int default_ballots_per_page = 100;
constexpr int max_ballots_per_page = 500;

response list_counted_ballots(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto id = path_id(req, "id");
    if (!id)
        return error_response(id.error());
    auto db = ctx.store.readers().acquire();
    // Any closed round of the clinic, last year's too: a receipt is checked long after the day.
    auto row = app::find_clinic_round(*db, *clues, *id);
    if (!row)
        return error_response(row.error());
    if (row->status != domain::round_status::cerrada)
        return error_response({domain::error_kind::conflict, "round_not_closed",
                               "La lista de boletas se publica al cerrar la votación.", "", 0});
    auto page = positive_param(req, "page", 1, 1'000'000);
    if (!page)
        return error_response(page.error());
    auto per_page = positive_param(req, "per_page", default_ballots_per_page, max_ballots_per_page);
    if (!per_page)
        return error_response(per_page.error());
    std::vector<store::ballot_row> rows;
    std::string receipt_text = req.query_param("receipt");
    if (!receipt_text.empty()) {
        // A person checking their own receipt: that ballot or nothing, whatever the page.
        auto receipt = domain::parse_credential_code(receipt_text);
        if (!receipt)
            return error_response({domain::error_kind::invalid, "receipt_invalid",
                                   "El comprobante tiene 8 letras y números, como K7P4-M2Q9.",
                                   "receipt", 0});
        if (auto b = store::find_counted_ballot(*db, *id, *receipt))
            rows.push_back(std::move(*b));
    } else {
        rows = store::counted_ballots_page(*db, *id, (*page - 1) * *per_page, *per_page);
    }
    nlohmann::json items = nlohmann::json::array();
    for (const auto& b : rows)
        items.push_back(
            {{"receipt", domain::display_credential_code(b.receipt)}, {"choices", b.choices}});
    return json_response({{"items", items},
                          {"total", store::count_counted_ballots(*db, *id)},
                          {"page", receipt_text.empty() ? *page : 1},
                          {"per_page", *per_page}});
}

} // namespace

void add_round_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/rounds", list_rounds);
    add_route(r, ctx, "POST", "/api/c/{clues}/rounds", create_round);
    add_route(r, ctx, "POST", "/api/c/{clues}/rounds/{id}/runoff", create_runoff);
    add_route(r, ctx, "POST", "/api/c/{clues}/rounds/{id}/open", open_round);
    add_route(r, ctx, "POST", "/api/c/{clues}/rounds/{id}/close", close_round);
    add_route(r, ctx, "POST", "/api/c/{clues}/rounds/{id}/reveal", reveal_round);
    add_route(r, ctx, "POST", "/api/c/{clues}/rounds/{id}/live", set_live_results);
    add_route(r, ctx, "POST", "/api/c/{clues}/rounds/{id}/cancel", cancel_round);
    add_route(r, ctx, "GET", "/api/c/{clues}/rounds/{id}/ballots", list_counted_ballots);
}

} // namespace asamblea::server
