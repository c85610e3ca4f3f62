#include "app/proposals.hpp"
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

domain::error proposal_not_found(std::string_view field = "id") {
    return {error_kind::not_found, "not_found", "No existe esa propuesta en esta asamblea.",
            std::string(field), 0};
}

response proposal_view(app_context& ctx, std::int64_t assembly_id, std::int64_t id,
                       unsigned status = 200) {
    auto db = ctx.store.readers().acquire();
    auto p = store::find_proposal(*db, assembly_id, id);
    if (!p)
        return error_response(proposal_not_found());
    return json_response(to_json(*p), status);
}

response list_proposals(app_context& ctx, const request& req) {
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

response create(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "proposal_create", req.body);
    if (!body)
        return error_response(body.error());
    domain::proposal p;
    p.title = (*body)["title"].get<std::string>();
    p.description = body->value("description", "");
    p.category = *domain::parse_category((*body)["category"].get<std::string>());
    p.cost = (*body)["cost_centavos"].get<domain::centavos>();
    p.source = *domain::parse_proposal_source(body->value("source", "asamblea"));
    auto done = ctx.rooms.get(target->clues)->run_sync(app::add_proposal(std::move(p)));
    if (!done)
        return error_response(done.error());
    return proposal_view(ctx, done->assembly.id, done->event.ids.front(), 201);
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
    auto done =
        ctx.rooms.get(target->clues)->run_sync(app::add_proposals(std::move(parsed.proposals)));
    if (!done)
        return error_response(done.error());
    return json_response({{"imported", done->event.ids.size()}});
}

using review_command = app::command<app::on_assembly<app::reviewed>>;

/// Runs a review of the path's proposal once the caller is known to be allowed; `make` reads
/// the body (after authorization) and builds the command.
response run_review(app_context& ctx, const request& req,
                    const std::function<domain::result<review_command>(std::int64_t)>& make) {
    auto target = moderated_with_id(ctx, req);
    if (!target)
        return error_response(target.error());
    auto cmd = make(target->id);
    if (!cmd)
        return error_response(cmd.error());
    auto done = ctx.rooms.get(target->clues)->run_sync(std::move(*cmd));
    if (!done)
        return error_response(done.error());
    return proposal_view(ctx, done->assembly.id, target->id);
}

response accept(app_context& ctx, const request& req) {
    return run_review(ctx, req, [](std::int64_t id) -> domain::result<review_command> {
        return app::accept_proposal(id);
    });
}

response reject(app_context& ctx, const request& req) {
    return run_review(ctx, req, [&](std::int64_t id) -> domain::result<review_command> {
        auto body = parse_body(ctx.schemas, "proposal_reject", req.body);
        if (!body)
            return std::unexpected(body.error());
        return app::reject_proposal(id, (*body)["reason"].get<std::string>());
    });
}

response merge(app_context& ctx, const request& req) {
    return run_review(ctx, req, [&](std::int64_t id) -> domain::result<review_command> {
        auto body = parse_body(ctx.schemas, "proposal_merge", req.body);
        if (!body)
            return std::unexpected(body.error());
        return app::merge_proposal(id, (*body)["into"].get<std::int64_t>());
    });
}

} // namespace

void add_proposal_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/proposals", list_proposals);
    add_route(r, ctx, "POST", "/api/c/{clues}/proposals", create);
    add_route(r, ctx, "POST", "/api/c/{clues}/proposals/import", import_csv);
    add_route(r, ctx, "POST", "/api/c/{clues}/proposals/{id}/accept", accept);
    add_route(r, ctx, "POST", "/api/c/{clues}/proposals/{id}/reject", reject);
    add_route(r, ctx, "POST", "/api/c/{clues}/proposals/{id}/merge", merge);
}

} // namespace asamblea::server
