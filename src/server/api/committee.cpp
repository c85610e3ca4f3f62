// COSABI (issue 6): nominations for the committee's roles (by the person from the phone, or by
// the moderator), the elected committee per term, and its one-time invitation codes that create
// a committee login. Role elections and runoffs are rounds (rounds.cpp); the use cases are in
// app/committee.hpp.

#include "app/committee.hpp"
#include "app/assembly_lookup.hpp"
#include "domain/invitation.hpp"
#include "domain/staff.hpp"
#include "server/api/access.hpp"
#include "server/api/app_context.hpp"
#include "server/api/path_params.hpp"
#include "server/auth/voter_auth.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/rooms/room_registry.hpp"
#include "server/schema_registry.hpp"
#include "server/views/committee_json.hpp"
#include "server/views/json_mapping.hpp"
#include "store/clock.hpp"
#include "store/member_repo.hpp"
#include "store/nomination_repo.hpp"
#include "store/store.hpp"

namespace asamblea::server {
namespace {

using domain::error_kind;
using nlohmann::json;

/// Who is acting on a nomination: a voter (Credential) or a moderator (Bearer).
domain::result<app::nominator> nominator_of(app_context& ctx, const request& req,
                                            const std::string& clues) {
    auto code = credential_from_header(req.authorization);
    if (!code.empty()) {
        auto v = authenticate_voter(ctx, clues, code, req.remote);
        if (!v)
            return std::unexpected(v.error());
        return app::nominator{true, v->attendee_id, 0};
    }
    auto who = moderator(ctx, req, clues);
    if (!who)
        return std::unexpected(who.error());
    return app::nominator{false, 0, who->user_id};
}

/// The nomination as it stands after a command.
response nomination_reply(app_context& ctx, const app::nomination_event& done,
                          unsigned status = 200) {
    auto db = ctx.store.readers().acquire();
    auto n = store::find_nomination(*db, done.assembly.id, done.event);
    if (!n)
        return error_response(
            {error_kind::internal, "internal", "No se encontró la postulación.", "", 0});
    return json_response(to_json(*n), status);
}

response list_nominations(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto db = ctx.store.readers().acquire();
    auto a = app::current_assembly(*db, *clues);
    if (!a)
        return error_response(a.error());
    json items = json::array();
    for (const auto& n : store::list_nominations(*db, a->id))
        items.push_back(to_json(n));
    return json_response({{"items", items}, {"roles", roles_json()}});
}

response nominate(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto who = nominator_of(ctx, req, *clues);
    if (!who)
        return error_response(who.error());
    auto body = parse_body(ctx.schemas, "nomination_create", req.body);
    if (!body)
        return error_response(body.error());
    std::int64_t attendee_id = who->attendee_id;
    if (who->self && body->contains("attendee_id") &&
        (*body)["attendee_id"].get<std::int64_t>() != who->attendee_id)
        return error_response({error_kind::forbidden, "not_yours",
                               "Desde su teléfono solo puede postularse usted.", "attendee_id", 0});
    if (!who->self) {
        if (!body->contains("attendee_id"))
            return error_response({error_kind::invalid, "missing_attendee",
                                   "Indique a qué asistente postula.", "attendee_id", 0});
        attendee_id = (*body)["attendee_id"];
    }
    auto done = ctx.rooms.get(*clues)->run_sync(
        app::nominate(*who, attendee_id, (*body)["role"].get<std::string>()));
    if (!done)
        return error_response(done.error());
    return nomination_reply(ctx, *done, 201);
}

response withdraw_nomination(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto who = nominator_of(ctx, req, *clues);
    if (!who)
        return error_response(who.error());
    auto id = path_id(req, "id");
    if (!id)
        return error_response(id.error());
    auto done = ctx.rooms.get(*clues)->run_sync(app::withdraw_nomination(*who, *id));
    if (!done)
        return error_response(done.error());
    return nomination_reply(ctx, *done);
}

// A year, as in ?term=2026; 0 when absent.
domain::result<int> term_param(const request& req) {
    auto text = req.query_param("term");
    if (text.empty())
        return 0;
    int term = -1;
    try {
        term = std::stoi(text);
    } catch (...) {
    }
    if (term < 2000 || term > 2100)
        return domain::fail(error_kind::invalid, "bad_term",
                            "El periodo debe ser un año, como 2026.", "term");
    return term;
}

response get_committee(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    {
        auto db = ctx.store.readers().acquire();
        if (auto clinic = app::find_clinic(*db, *clues); !clinic)
            return error_response(clinic.error());
    }
    // Staff see every member with the state of their login; the public only what was revealed.
    bool staff_view = !req.bearer().empty();
    if (staff_view)
        if (auto who =
                staff(ctx, req,
                      {domain::role::moderator, domain::role::coordinator, domain::role::committee},
                      *clues);
            !who)
            return error_response(who.error());
    auto term = term_param(req);
    if (!term)
        return error_response(term.error());
    auto db = ctx.store.readers().acquire();
    auto terms = app::committee_terms(*db, *clues);
    if (*term == 0 && !terms.empty())
        *term = terms.front();
    json members = json::array();
    auto now = store::utc_now();
    if (*term > 0)
        for (const auto& m : store::list_committee(*db, *clues, *term))
            if (staff_view || m.revealed)
                members.push_back(member_json(m, staff_view, now));
    return json_response({{"clues", *clues},
                          {"term", *term > 0 ? json(*term) : json(nullptr)},
                          {"terms", terms},
                          {"members", members}});
}

response issue_invitation(app_context& ctx, const request& req) {
    auto target = moderated_with_id(ctx, req);
    if (!target)
        return error_response(target.error());
    auto done =
        ctx.rooms.get(target->clues)
            ->run_sync(app::issue_invitation(target->id, target->who.user_id, ctx.store.key()));
    if (!done)
        return error_response(done.error());
    auto db = ctx.store.readers().acquire();
    auto m = store::find_member(*db, target->clues, target->id);
    if (!m)
        return error_response(
            {error_kind::internal, "internal", "No se encontró a la persona.", "", 0});
    return json_response(
        {{"member", member_json(*m, true, store::utc_now())},
         {"invitation", invitation_json(done->code, target->clues, m->invitation_expires_at)}},
        201);
}

response claim_invitation(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto body = parse_body(ctx.schemas, "committee_claim", req.body);
    if (!body)
        return error_response(body.error());
    std::string username = (*body)["username"];
    std::string password = (*body)["password"];
    auto code = domain::parse_invitation_code((*body)["code"].get<std::string>());
    if (!code)
        return error_response({error_kind::invalid, "bad_code",
                               "El código tiene 12 letras y números, como K7P4-M2Q9-X3HT. "
                               "Revíselo.",
                               "code", 0});
    if (auto ok = domain::check_username(username); !ok)
        return error_response(ok.error());
    if (auto ok = domain::check_password(password); !ok)
        return error_response(ok.error());
    // On this worker: the password's hash is slow by design and must not hold the room.
    auto claim = app::prepare_claim(ctx.store, *clues, *code, username, password);
    if (!claim)
        return error_response(claim.error());
    auto done = ctx.rooms.get(*clues)->run_sync(app::claim_invitation(std::move(*claim)));
    if (!done)
        return error_response(done.error());
    auto db = ctx.store.readers().acquire();
    auto m = store::find_member(*db, *clues, done->member_id);
    domain::principal p{done->user_id, username, domain::role::committee, {*clues}};
    return json_response(
        {{"user", to_json(p)}, {"member", m ? member_json(*m, false, "") : json(nullptr)}}, 201);
}

} // namespace

void add_committee_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/nominations", list_nominations);
    add_route(r, ctx, "POST", "/api/c/{clues}/nominations", nominate);
    add_route(r, ctx, "DELETE", "/api/c/{clues}/nominations/{id}", withdraw_nomination);
    add_route(r, ctx, "GET", "/api/c/{clues}/committee", get_committee);
    add_route(r, ctx, "POST", "/api/c/{clues}/committee/{id}/invitation", issue_invitation);
    add_password_route(r, ctx, "POST", "/api/c/{clues}/committee/claim", claim_invitation);
}

} // namespace asamblea::server
