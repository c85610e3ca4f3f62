#include "domain/assembly/assembly_state.hpp"
#include "domain/assembly/proposal_csv.hpp"
#include "domain/assembly/proposal_review.hpp"
#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/schema_registry.hpp"
#include "server/views/assembly_json.hpp"
#include "store/proposal_repo.hpp"
#include "store/store.hpp"

#include <vector>

namespace asamblea::server {
namespace {

using domain::error_kind;
using domain::proposal_status;

domain::status proposals_open(SQLite::Database&, const store::assembly_row& a) {
    return domain::require_proposals_open(a.state);
}

domain::error proposal_not_found(std::string_view field = "id") {
    return {error_kind::not_found, "not_found", "No existe esa propuesta en esta asamblea.",
            std::string(field), 0};
}

domain::error proposal_changed() {
    return {error_kind::conflict, "proposal_changed",
            "La propuesta cambió mientras tanto. Actualice la lista.", "", 0};
}

response proposal_view(app_context& ctx, std::int64_t assembly_id, std::int64_t id,
                       unsigned status = 200) {
    auto db = ctx.store.readers().acquire();
    auto p = store::find_proposal(*db, assembly_id, id);
    if (!p)
        return error_response(proposal_not_found());
    return json_response(to_json(*p), status);
}

response list(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    bool all = req.query_param("all") == "1";
    if (all) {
        if (auto who = moderator(ctx, req, *clues); !who)
            return error_response(who.error());
    }
    auto db = ctx.store.readers().acquire();
    auto a = current_assembly(*db, *clues);
    if (!a)
        return error_response(a.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& p : store::list_proposal_rows(*db, a->id, !all))
        items.push_back(to_json(p));
    return json_response({{"items", items}});
}

// Adds checked proposals through the room, all in one write (so an import is all or nothing).
domain::result<std::vector<std::int64_t>> add_all(app_context& ctx, const std::string& clues,
                                                  std::vector<domain::proposal> proposals) {
    auto done = checked_assembly_command<std::vector<std::int64_t>>(
        ctx, clues, proposals_open, nullptr,
        [clues,
         proposals = std::move(proposals)](store::write_context& w, const store::assembly_row& a,
                                           std::vector<std::int64_t>& ids) -> domain::status {
            for (const auto& p : proposals)
                ids.push_back(store::add_proposal(w, a.id, clues, p, "pendiente"));
            return {};
        });
    if (!done)
        return std::unexpected(done.error());
    return done->event;
}

response create(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "proposal_create", req.body);
    if (!body)
        return error_response(body.error());
    auto clinic = find_clinic(ctx, target->clues);
    if (!clinic)
        return error_response(clinic.error());
    domain::proposal p;
    p.title = (*body)["title"].get<std::string>();
    p.description = body->value("description", "");
    p.category = *domain::parse_category((*body)["category"].get<std::string>());
    p.cost = (*body)["cost_centavos"].get<domain::centavos>();
    p.source = *domain::parse_proposal_source(body->value("source", "asamblea"));
    auto checked = domain::check_new_proposal(std::move(p), clinic->presupuesto);
    if (!checked)
        return error_response(checked.error());
    auto ids = add_all(ctx, target->clues, {std::move(*checked)});
    if (!ids)
        return error_response(ids.error());
    auto db = ctx.store.readers().acquire();
    auto a = current_assembly(*db, target->clues);
    if (!a)
        return error_response(a.error());
    auto row = store::find_proposal(*db, a->id, ids->front());
    if (!row)
        return error_response(proposal_not_found());
    return json_response(to_json(*row), 201);
}

response import_csv(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto clinic = find_clinic(ctx, target->clues);
    if (!clinic)
        return error_response(clinic.error());
    auto parsed = domain::parse_proposal_csv(req.body, clinic->presupuesto);
    if (!parsed.ok()) {
        nlohmann::json lines = nlohmann::json::array();
        for (const auto& problem : parsed.problems)
            lines.push_back({{"line", problem.line}, {"reason", problem.reason}});
        std::string message = parsed.problems.size() == 1
                                  ? "El archivo tiene un problema; no se importó nada."
                                  : "El archivo tiene " + std::to_string(parsed.problems.size()) +
                                        " problemas; no se importó nada.";
        return json_response({{"error", "bad_csv"}, {"message", message}, {"lines", lines}}, 400);
    }
    auto ids = add_all(ctx, target->clues, std::move(parsed.proposals));
    if (!ids)
        return error_response(ids.error());
    return json_response({{"imported", ids->size()}});
}

// The shape every review (accept, reject, merge) shares: find the proposal, check the rule on
// the strand, and write only if nothing changed meanwhile.
struct review {
    store::assembly_row a;
    store::proposal_row p;
};

using review_rule = std::function<domain::status(SQLite::Database&, const review&)>;
using review_write = std::function<bool(store::write_context&, const std::string&, const review&)>;

// `parse` reads the body once the caller is known to be allowed.
response run_review(app_context& ctx, const request& req,
                    const std::function<domain::status()>& parse, const review_rule& rule,
                    const review_write& write) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    if (auto ok = parse(); !ok)
        return error_response(ok.error());
    auto id = path_id(req, "id");
    if (!id)
        return error_response(id.error());
    auto done = checked_assembly_command<review>(
        ctx, target->clues, proposals_open,
        [&](SQLite::Database& db, const store::assembly_row& a) -> domain::result<review> {
            auto p = store::find_proposal(db, a.id, *id);
            if (!p)
                return std::unexpected(proposal_not_found());
            review r{a, *p};
            if (auto ok = rule(db, r); !ok)
                return std::unexpected(ok.error());
            return r;
        },
        [write, clues = target->clues](store::write_context& w, const store::assembly_row&,
                                       review& r) -> domain::status {
            if (!write(w, clues, r))
                return std::unexpected(proposal_changed());
            return {};
        });
    if (!done)
        return error_response(done.error());
    return proposal_view(ctx, done->a.id, *id);
}

response accept(app_context& ctx, const request& req) {
    return run_review(
        ctx, req, [] { return domain::status{}; },
        [](SQLite::Database&, const review& r) { return domain::can_accept(r.p.status); },
        [](store::write_context& w, const std::string& clues, const review& r) {
            return store::accept_proposal(w, clues, r.a.id, r.p.p.id, r.p.status);
        });
}

response reject(app_context& ctx, const request& req) {
    std::string reason_text;
    auto reason = std::make_shared<std::string>();
    return run_review(
        ctx, req,
        [&]() -> domain::status {
            auto body = parse_body(ctx.schemas, "proposal_reject", req.body);
            if (!body)
                return std::unexpected(body.error());
            reason_text = (*body)["reason"];
            return {};
        },
        [&reason_text, reason](SQLite::Database&, const review& r) -> domain::status {
            auto cleaned = domain::check_reject(r.p.status, reason_text);
            if (!cleaned)
                return std::unexpected(cleaned.error());
            *reason = std::move(*cleaned);
            return {};
        },
        [reason](store::write_context& w, const std::string& clues, const review& r) {
            return store::reject_proposal(w, clues, r.a.id, r.p.p.id, r.p.status, *reason);
        });
}

response merge(app_context& ctx, const request& req) {
    std::int64_t into = 0;
    return run_review(
        ctx, req,
        [&]() -> domain::status {
            auto body = parse_body(ctx.schemas, "proposal_merge", req.body);
            if (!body)
                return std::unexpected(body.error());
            into = (*body)["into"];
            return {};
        },
        [&into](SQLite::Database& db, const review& r) -> domain::status {
            auto target = store::find_proposal(db, r.a.id, into);
            if (!target && into != r.p.p.id)
                return std::unexpected(proposal_not_found("into"));
            return domain::can_merge(r.p.p.id, r.p.status, into,
                                     target ? target->status : r.p.status);
        },
        [&into](store::write_context& w, const std::string& clues, const review& r) {
            return store::merge_proposal(w, clues, r.a.id, r.p.p.id, r.p.status, into);
        });
}

} // namespace

void add_proposal_routes(router& r, app_context& ctx) {
    r.add("GET", "/api/c/{clues}/proposals", [&ctx](const request& req) { return list(ctx, req); });
    r.add("POST", "/api/c/{clues}/proposals",
          [&ctx](const request& req) { return create(ctx, req); });
    r.add("POST", "/api/c/{clues}/proposals/import",
          [&ctx](const request& req) { return import_csv(ctx, req); });
    r.add("POST", "/api/c/{clues}/proposals/{id}/accept",
          [&ctx](const request& req) { return accept(ctx, req); });
    r.add("POST", "/api/c/{clues}/proposals/{id}/reject",
          [&ctx](const request& req) { return reject(ctx, req); });
    r.add("POST", "/api/c/{clues}/proposals/{id}/merge",
          [&ctx](const request& req) { return merge(ctx, req); });
}

} // namespace asamblea::server
