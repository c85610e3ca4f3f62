// The COSABI's follow-up over REST: the board and a work item for the clinic's staff; the
// committee's writes (a current member, checked by the command), the coordinator's work item and
// the national deadline. Parse, authorize, run the command in the clinic's room, map.
#include "app/followup/followup.hpp"
#include "server/api/access.hpp"
#include "server/api/app_context.hpp"
#include "server/api/followup_access.hpp"
#include "server/api/followup_params.hpp"
#include "server/api/path_params.hpp"
#include "server/api/stored_files.hpp"
#include "server/fleet/cfdi_check.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/rooms/room_registry.hpp"
#include "server/schema_registry.hpp"
#include "server/views/followup_json.hpp"
#include "store/store.hpp"

#include <functional>

namespace asamblea::server {
namespace {

using domain::error_kind;
using domain::role;
using nlohmann::json;
using work_command = app::command<app::work_event>;

/// The clinic's staff who may read its follow-up (followup_staff); a current member writes.
struct reader {
    std::string clues;
    domain::principal who;
    followup_viewer viewer;
};

domain::result<reader> follow_up_reader(app_context& ctx, const request& req,
                                        SQLite::Database& db) {
    auto clues = path_clues(req);
    if (!clues)
        return std::unexpected(clues.error());
    auto who = followup_staff(ctx, req, *clues, db);
    if (!who)
        return std::unexpected(who.error());
    reader r{*clues, *who, {}};
    if (who->role == role::committee)
        if (auto member = app::current_member(db, *clues, who->user_id))
            r.viewer.member = *member;
    return r;
}

response board(app_context& ctx, const request& req) {
    auto db = ctx.store.readers().acquire();
    auto r = follow_up_reader(ctx, req, *db);
    if (!r)
        return error_response(r.error());
    auto edition = edition_param(req);
    if (!edition)
        return error_response(edition.error());
    auto b = app::read_board(*db, r->clues, *edition, today_in_mexico_city());
    if (!b)
        return error_response(b.error());
    return json_response(to_json(*b, r->viewer));
}

response work_view(app_context& ctx, const std::string& clues, std::int64_t id,
                   unsigned status = 200, const app::work_event* event = nullptr) {
    auto db = ctx.store.readers().acquire();
    auto w = app::read_work(*db, clues, id);
    if (!w)
        return error_response(w.error());
    if (!event)
        return json_response(to_json(*w, clues), status);
    return json_response(
        {{"work", to_json(*w, clues)}, {"id", event->id}, {"warnings", event->warnings}}, status);
}

response work(app_context& ctx, const request& req) {
    std::string clues;
    {
        auto db = ctx.store.readers().acquire();
        auto r = follow_up_reader(ctx, req, *db);
        if (!r)
            return error_response(r.error());
        clues = r->clues;
    }
    auto id = path_id(req, "id");
    if (!id)
        return error_response(id.error());
    return work_view(ctx, clues, *id);
}

/// What a committee write acts on: the path's clinic and id, the body, the caller.
struct committee_write {
    std::string clues;
    std::int64_t path_id = 0;
    json body;
    domain::principal who;
};

using make_command = std::function<work_command(const committee_write&)>;

// A committee login of the clinic (whether it is a current member is the command's rule), a
// body valid against its schema, then the command in the clinic's room. The answer is the work
// item as it is now; `created` adds the new row's id and the warnings (201).
response run_committee_write(app_context& ctx, const request& req, const char* schema, bool created,
                             const make_command& make) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto who = staff(ctx, req, {role::committee}, *clues);
    if (!who)
        return error_response(who.error());
    auto id = path_id(req, "id");
    if (!id)
        return error_response(id.error());
    json body = json::object();
    if (schema) {
        auto parsed = parse_body(ctx.schemas, schema, req.body);
        if (!parsed)
            return error_response(parsed.error());
        body = std::move(*parsed);
    }
    committee_write w{*clues, *id, std::move(body), *who};
    auto done = ctx.rooms.get(w.clues)->run_sync(make(w));
    if (!done)
        return error_response(done.error());
    return work_view(ctx, w.clues, done->work_id, created ? 201 : 200, created ? &*done : nullptr);
}

std::string text_or_empty(const json& body, const char* key) {
    return body.value(key, std::string());
}

response move(app_context& ctx, const request& req) {
    return run_committee_write(ctx, req, "work_move", false, [](const committee_write& w) {
        return app::move_work(w.who.user_id, w.path_id,
                              *domain::parse_work_state(w.body["to"].get<std::string>()),
                              text_or_empty(w.body, "reason"));
    });
}

response add_quote(app_context& ctx, const request& req) {
    stored_files files(ctx.store.evidence());
    return run_committee_write(ctx, req, "quote_create", true, [&](const committee_write& w) {
        app::quote_input in{w.body["supplier"].get<std::string>(),
                            w.body["rfc"].get<std::string>(),
                            w.body["amount_centavos"].get<domain::centavos>(),
                            w.body["date"].get<std::string>(),
                            text_or_empty(w.body, "valid_until"),
                            w.body["file_sha256"].get<std::string>()};
        return app::add_quote(w.who.user_id, w.path_id, std::move(in), files);
    });
}

response void_quote(app_context& ctx, const request& req) {
    return run_committee_write(ctx, req, "void_reason", false, [](const committee_write& w) {
        return app::void_quote(w.who.user_id, w.path_id, w.body["reason"].get<std::string>());
    });
}

response choose_quote(app_context& ctx, const request& req) {
    return run_committee_write(ctx, req, "quote_choose", false, [](const committee_write& w) {
        return app::choose_quote(w.who.user_id, w.path_id, w.body["quote_id"].get<std::int64_t>(),
                                 text_or_empty(w.body, "reason"));
    });
}

response quote_exception(app_context& ctx, const request& req) {
    return run_committee_write(ctx, req, "quote_exception", false, [](const committee_write& w) {
        return app::set_quote_exception(w.who.user_id, w.path_id,
                                        w.body["text"].get<std::string>());
    });
}

response add_evidence(app_context& ctx, const request& req) {
    stored_files files(ctx.store.evidence());
    return run_committee_write(ctx, req, "evidence_create", true, [&](const committee_write& w) {
        app::evidence_input in;
        in.kind = *domain::parse_evidence_kind(w.body["kind"].get<std::string>());
        in.file_sha256 = w.body["file_sha256"].get<std::string>();
        if (w.body.contains("taken_at"))
            in.taken_at = w.body["taken_at"].get<std::string>();
        if (w.body.contains("latitude"))
            in.latitude = w.body["latitude"].get<double>();
        if (w.body.contains("longitude"))
            in.longitude = w.body["longitude"].get<double>();
        in.note = text_or_empty(w.body, "note");
        return app::add_evidence(w.who.user_id, w.path_id, std::move(in), files);
    });
}

response void_evidence(app_context& ctx, const request& req) {
    return run_committee_write(ctx, req, "void_reason", false, [](const committee_write& w) {
        return app::void_evidence(w.who.user_id, w.path_id, w.body["reason"].get<std::string>());
    });
}

response add_expense(app_context& ctx, const request& req) {
    stored_files files(ctx.store.evidence());
    return run_committee_write(ctx, req, "expense_create", true, [&](const committee_write& w) {
        app::expense_input in{w.body["xml_sha256"].get<std::string>(),
                              w.body["pdf_sha256"].get<std::string>(),
                              text_or_empty(w.body, "payment_sha256")};
        // In a fleet the invoice must be unused on every other shard too, asked here on the
        // REST worker before the write (fleet/cfdi_check).
        if (auto uuid = app::invoice_uuid(files, in.xml_sha256))
            if (auto ok = check_cfdi_elsewhere(ctx, *uuid); !ok)
                return app::refused_expense(ok.error());
        return app::record_expense(w.who.user_id, w.path_id, std::move(in), files);
    });
}

response void_expense(app_context& ctx, const request& req) {
    return run_committee_write(ctx, req, "void_reason", false, [](const committee_write& w) {
        return app::void_expense(w.who.user_id, w.path_id, w.body["reason"].get<std::string>());
    });
}

response confirm(app_context& ctx, const request& req) {
    return run_committee_write(ctx, req, nullptr, false, [](const committee_write& w) {
        return app::confirm_work(w.who.user_id, w.path_id);
    });
}

response add_note(app_context& ctx, const request& req) {
    return run_committee_write(ctx, req, "note_create", true, [](const committee_write& w) {
        return app::add_note(w.who.user_id, w.path_id, w.body["text"].get<std::string>());
    });
}

response set_equipment(app_context& ctx, const request& req) {
    return run_committee_write(ctx, req, "equipment_set", false, [](const committee_write& w) {
        app::equipment_input in{w.body["brand"].get<std::string>(),
                                w.body["model"].get<std::string>(),
                                w.body.value("serials", std::vector<std::string>{}),
                                w.body.value("inventory_tags", std::vector<std::string>{})};
        return app::set_equipment(w.who.user_id, w.path_id, std::move(in));
    });
}

// The coordinator's one write: a work item the vote did not create, with its reason.
response add_work(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto who = staff(ctx, req, {role::coordinator}, *clues);
    if (!who)
        return error_response(who.error());
    auto body = parse_body(ctx.schemas, "work_create", req.body);
    if (!body)
        return error_response(body.error());
    app::new_work in;
    in.edition = (*body)["edition"].get<int>();
    in.title = (*body)["title"].get<std::string>();
    in.category = *domain::parse_category((*body)["category"].get<std::string>());
    in.approved = (*body)["approved_centavos"].get<domain::centavos>();
    in.quantity = body->value("quantity", 0);
    in.reason = (*body)["reason"].get<std::string>();
    in.user_id = who->user_id;
    auto done = ctx.rooms.get(*clues)->run_sync(app::add_work_item(std::move(in)));
    if (!done)
        return error_response(done.error());
    return work_view(ctx, *clues, done->work_id, 201);
}

// The edition's proving deadline is national: only a coordinator with no clinic scope sets it.
response set_deadline(app_context& ctx, const request& req) {
    auto who = staff(ctx, req, {role::coordinator}, "");
    if (!who)
        return error_response(who.error());
    if (!who->clinics.empty())
        return error_response({error_kind::forbidden, "national_only",
                               "Solo la coordinación nacional fija el plazo para comprobar.", "",
                               0});
    auto edition = path_id(req, "edition");
    if (!edition)
        return error_response(edition.error());
    auto body = parse_body(ctx.schemas, "deadline_set", req.body);
    if (!body)
        return error_response(body.error());
    // Deadlines belong to no clinic; the command runs in a room of its own name.
    auto done = ctx.rooms.get("")->run_sync(app::set_deadline(
        static_cast<int>(*edition), (*body)["deadline"].get<std::string>(), who->user_id));
    if (!done)
        return error_response(done.error());
    return json_response({{"edition", *edition}, {"deadline", (*body)["deadline"]}});
}

} // namespace

void add_followup_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/followup", board);
    add_route(r, ctx, "POST", "/api/c/{clues}/works", add_work);
    add_route(r, ctx, "GET", "/api/c/{clues}/works/{id}", work);
    add_route(r, ctx, "POST", "/api/c/{clues}/works/{id}/move", move);
    add_route(r, ctx, "POST", "/api/c/{clues}/works/{id}/quotes", add_quote);
    add_route(r, ctx, "POST", "/api/c/{clues}/quotes/{id}/void", void_quote);
    add_route(r, ctx, "POST", "/api/c/{clues}/works/{id}/choose-quote", choose_quote);
    add_route(r, ctx, "POST", "/api/c/{clues}/works/{id}/quote-exception", quote_exception);
    add_route(r, ctx, "POST", "/api/c/{clues}/works/{id}/evidence", add_evidence);
    add_route(r, ctx, "POST", "/api/c/{clues}/evidence/{id}/void", void_evidence);
    add_route(r, ctx, "POST", "/api/c/{clues}/works/{id}/expenses", add_expense);
    add_route(r, ctx, "POST", "/api/c/{clues}/expenses/{id}/void", void_expense);
    add_route(r, ctx, "POST", "/api/c/{clues}/works/{id}/confirm", confirm);
    add_route(r, ctx, "POST", "/api/c/{clues}/works/{id}/notes", add_note);
    add_route(r, ctx, "POST", "/api/c/{clues}/works/{id}/equipment", set_equipment);
    add_route(r, ctx, "PUT", "/api/national/deadlines/{edition}", set_deadline);
}

} // namespace asamblea::server
