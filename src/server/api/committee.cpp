// COSABI (issue 6): nominations for the committee's roles (by the person from the phone, or by
// the moderator), the elected committee per term, and its one-time invitation codes that create
// a committee login. Role elections and runoffs are rounds (api_rounds.cpp).

#include "domain/committee.hpp"
#include "domain/invitation.hpp"
#include "domain/staff.hpp"
#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/auth/voter_auth.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/schema_registry.hpp"
#include "server/views/json_mapping.hpp"
#include "store/attendee_repo.hpp"
#include "store/clock.hpp"
#include "store/committee_repo.hpp"
#include "store/crypto.hpp"
#include "store/round_repo.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"

#include <optional>

namespace asamblea::server {
namespace {

using domain::error_kind;
using nlohmann::json;

json to_json(const store::nomination_row& n) {
    json j = {{"id", n.id},
              {"role", n.role},
              {"role_label", domain::role_label(n.role)},
              {"attendee_id", n.attendee_id},
              {"nombre", n.nombre},
              {"sexo", n.sexo},
              {"by", n.nominated_by},
              {"created_at", n.created_at},
              {"present", n.present},
              {"withdrawn_at", nullptr}};
    if (!n.withdrawn_at.empty()) {
        j["withdrawn_at"] = n.withdrawn_at;
        j["withdrawn_by"] = n.withdrawn_by;
    }
    return j;
}

// A member's login state for staff; an expired code is shown as such, so the table asks for a new
// one.
std::string account_state(const store::member_row& m, const std::string& now) {
    if (m.has_account)
        return "con_cuenta";
    if (!m.invitation_open)
        return "sin_invitacion";
    return m.invitation_expires_at <= now ? "invitacion_vencida" : "invitacion_pendiente";
}

json to_json(const store::member_row& m, bool staff_view) {
    json j = {{"id", m.id},
              {"role", m.role},
              {"role_label", domain::role_label(m.role)},
              {"seat", m.seat},
              {"nombre", m.nombre},
              {"sexo", m.sexo},
              {"term", m.term},
              {"source", m.source},
              {"round_id", m.round_id},
              {"elected_at", m.elected_at}};
    if (staff_view) {
        j["revealed"] = m.revealed;
        j["account"] = account_state(m, store::utc_now());
        j["invitation_issued_at"] =
            m.invitation_open ? json(m.invitation_issued_at) : json(nullptr);
        j["invitation_expires_at"] =
            m.invitation_open ? json(m.invitation_expires_at) : json(nullptr);
    }
    return j;
}

/// Who is acting on a nomination: a voter (Credential) or a moderator (Bearer).
struct actor {
    bool self = false;
    std::int64_t attendee_id = 0; // the voter's own, when self
    std::int64_t user_id = 0;     // the moderator's, otherwise
};

domain::result<actor> nomination_actor(app_context& ctx, const request& req,
                                       const std::string& clues) {
    auto code = credential_from_header(req.authorization);
    if (!code.empty()) {
        auto v = authenticate_voter(ctx, clues, code, req.remote);
        if (!v)
            return std::unexpected(v.error());
        return actor{true, v->attendee_id, 0};
    }
    auto who = moderator(ctx, req, clues);
    if (!who)
        return std::unexpected(who.error());
    return actor{false, 0, who->user_id};
}

domain::status no_pending_round(SQLite::Database& db, std::int64_t assembly_id,
                                const std::string& role) {
    if (auto round = store::pending_role_round(db, assembly_id, role))
        return domain::fail(error_kind::conflict, "role_round_pending",
                            "La votación de " + domain::role_label(role) + " ya está preparada («" +
                                round->spec.title +
                                "»): sus candidaturas ya no cambian. Espere a que se cierre.",
                            "role");
    return {};
}

// The rules of a new nomination, checked on the room's strand and again inside the write.
domain::status check_nomination(SQLite::Database& db, const store::assembly_row& a,
                                std::int64_t attendee_id, const std::string& role) {
    if (auto ok = domain::require_nominations_open(a.state); !ok)
        return ok;
    auto person = store::find_attendee(db, a.id, attendee_id);
    if (!person)
        return domain::fail(error_kind::not_found, "not_found",
                            "No existe ese asistente en esta asamblea.", "attendee_id");
    if (person->credential_status != "activa")
        return domain::fail(error_kind::conflict, "not_present",
                            "Esa persona no tiene una credencial activa: no puede postularse.",
                            "attendee_id");
    if (auto held = store::role_held(db, a.clues, a.edition, attendee_id))
        return domain::fail(error_kind::conflict, "already_elected",
                            "Esa persona ya fue electa en el COSABI (" + domain::role_label(*held) +
                                ").",
                            "attendee_id");
    return no_pending_round(db, a.id, role);
}

response list_nominations(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto db = ctx.store.readers().acquire();
    auto a = current_assembly(*db, *clues);
    if (!a)
        return error_response(a.error());
    json items = json::array();
    for (const auto& n : store::list_nominations(*db, a->id))
        items.push_back(to_json(n));
    json roles = json::array();
    for (auto r : domain::committee_roles)
        roles.push_back({{"role", domain::to_string(r)},
                         {"label", domain::role_label(r)},
                         {"max_seats", domain::max_seats(r)}});
    return json_response({{"items", items}, {"roles", roles}});
}

response nominate(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto who = nomination_actor(ctx, req, *clues);
    if (!who)
        return error_response(who.error());
    auto body = parse_body(ctx.schemas, "nomination_create", req.body);
    if (!body)
        return error_response(body.error());
    std::string role = (*body)["role"];
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

    auto done = checked_assembly_command<std::int64_t>(
        ctx, *clues,
        [attendee_id, role](SQLite::Database& db, const store::assembly_row& a) {
            return check_nomination(db, a, attendee_id, role);
        },
        nullptr,
        [clues = *clues, attendee_id, role,
         who = *who](store::write_context& w, const store::assembly_row& a,
                     std::int64_t& nomination_id) -> domain::status {
            auto id =
                store::insert_nomination(w, clues, a.id, attendee_id, role, who.self, who.user_id);
            if (!id)
                return std::unexpected(id.error());
            nomination_id = *id;
            return {};
        });
    if (!done)
        return error_response(done.error());
    auto db = ctx.store.readers().acquire();
    auto n = store::find_nomination(*db, done->a.id, done->event);
    if (!n)
        return error_response(
            {error_kind::internal, "internal", "No se encontró la postulación.", "", 0});
    return json_response(to_json(*n), 201);
}

response withdraw(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto who = nomination_actor(ctx, req, *clues);
    if (!who)
        return error_response(who.error());
    auto id = path_id(req, "id");
    if (!id)
        return error_response(id.error());

    auto check = [who = *who, id = *id](SQLite::Database& db,
                                        const store::assembly_row& a) -> domain::status {
        if (a.state == domain::assembly_state::cerrada)
            return domain::fail(error_kind::conflict, "wrong_state", "La asamblea ya se cerró.");
        auto n = store::find_nomination(db, a.id, id);
        if (!n)
            return domain::fail(error_kind::not_found, "nomination_not_found",
                                "No existe esa postulación.");
        if (who.self && n->attendee_id != who.attendee_id)
            return domain::fail(error_kind::forbidden, "not_yours",
                                "Solo puede retirar su propia postulación.");
        if (!n->withdrawn_at.empty())
            return domain::fail(error_kind::conflict, "already_withdrawn",
                                "Esa postulación ya se había retirado.");
        return no_pending_round(db, a.id, n->role);
    };
    auto done = checked_assembly_command(
        ctx, *clues, check,
        [clues = *clues, id = *id, self = who->self](
            store::write_context& w, const store::assembly_row& a) -> domain::status {
            return store::withdraw_nomination(w, clues, a.id, id, self);
        });
    if (!done)
        return error_response(done.error());
    auto db = ctx.store.readers().acquire();
    auto n = store::find_nomination(*db, done->id, *id);
    if (!n)
        return error_response(
            {error_kind::internal, "internal", "No se encontró la postulación.", "", 0});
    return json_response(to_json(*n));
}

response committee(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    if (auto clinic = find_clinic(ctx, *clues); !clinic)
        return error_response(clinic.error());
    // Staff see every member with the state of their login; the public only what was revealed.
    bool staff_view = !req.bearer().empty();
    if (staff_view)
        if (auto who =
                staff(ctx, req,
                      {domain::role::moderator, domain::role::coordinator, domain::role::committee},
                      *clues);
            !who)
            return error_response(who.error());
    int term = 0;
    if (auto t = req.query_param("term"); !t.empty()) {
        try {
            term = std::stoi(t);
        } catch (...) {
            term = -1;
        }
        if (term < 2000 || term > 2100)
            return error_response({error_kind::invalid, "bad_term",
                                   "El periodo debe ser un año, como 2026.", "term", 0});
    }
    auto db = ctx.store.readers().acquire();
    json terms = json::array();
    for (int up_to = 0;;) {
        auto t = store::latest_term(*db, *clues, up_to);
        if (!t)
            break;
        terms.push_back(*t);
        up_to = *t - 1;
        if (up_to < 2000)
            break;
    }
    if (term == 0 && !terms.empty())
        term = terms.front();
    json members = json::array();
    if (term > 0)
        for (const auto& m : store::list_committee(*db, *clues, term))
            if (staff_view || m.revealed)
                members.push_back(to_json(m, staff_view));
    return json_response({{"clues", *clues},
                          {"term", term > 0 ? json(term) : json(nullptr)},
                          {"terms", terms},
                          {"members", members}});
}

response invite(app_context& ctx, const request& req) {
    auto target = moderated_with_id(ctx, req);
    if (!target)
        return error_response(target.error());
    // 12 symbols, each uniform over the 32-symbol alphabet: 60 bits.
    auto code = (store::random_code() + store::random_code()).substr(0, 12);
    auto hash = store::keyed_hash_hex(ctx.store.key(), "committee-invitation:" + code);
    auto done = room_command<std::int64_t>(
        ctx, target->clues,
        [&](SQLite::Database& db) -> domain::result<std::int64_t> {
            auto m = store::find_member(db, target->clues, target->id);
            if (!m)
                return domain::fail(error_kind::not_found, "member_not_found",
                                    "Esa persona no está en el COSABI vigente.");
            if (m->has_account)
                return domain::fail(error_kind::conflict, "has_account",
                                    "Esta persona ya creó su cuenta del COSABI.");
            return target->id;
        },
        [clues = target->clues, hash, user = target->who.user_id](
            store::write_context& w, std::int64_t& member) -> domain::status {
            return store::issue_invitation(w, clues, member, hash, user);
        });
    if (!done)
        return error_response(done.error());
    auto db = ctx.store.readers().acquire();
    auto m = store::find_member(*db, target->clues, target->id);
    if (!m)
        return error_response(
            {error_kind::internal, "internal", "No se encontró a la persona.", "", 0});
    return json_response({{"member", to_json(*m, true)},
                          {"invitation",
                           {{"code", code},
                            {"display", domain::display_invitation_code(code)},
                            {"clues", target->clues},
                            {"expires_at", m->invitation_expires_at},
                            // A clinic page, so a proxy sharding by clinic routes the claim too.
                            {"claim_url", "/c/" + target->clues + "/cosabi-cuenta"}}}},
                         201);
}

response claim(app_context& ctx, const request& req) {
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
    auto hash = store::keyed_hash_hex(ctx.store.key(), "committee-invitation:" + *code);
    std::optional<store::invitation_row> invitation;
    {
        auto db = ctx.store.readers().acquire();
        // Another clinic's code is not found either: codes cannot be probed across clinics.
        invitation = store::find_invitation(*db, *clues, hash);
        if (!invitation)
            return error_response(
                {error_kind::not_found, "invitation_not_found",
                 "Ese código de invitación no existe en esta unidad. Revise el código y la "
                 "unidad (CLUES) del papel que le dieron.",
                 "code", 0});
        if (auto ok = store::check_claimable(*invitation, store::utc_now()); !ok)
            return error_response(ok.error());
        if (store::find_user(*db, username))
            return error_response({error_kind::conflict, "user_exists",
                                   "Ya existe el usuario «" + username + "». Elija otro.",
                                   "username", 0});
    }
    // argon2id is slow by design: hash here, on the worker, never on the room's strand.
    auto password_hash = store::hash_password(password);
    struct claimed {
        std::int64_t user_id = 0;
    };
    auto done = room_command<claimed>(
        ctx, invitation->clues, [](SQLite::Database&) -> domain::result<claimed> { return {}; },
        [&, inv = *invitation](store::write_context& w, claimed& e) -> domain::status {
            auto user = store::save_user(w, username, password_hash, domain::role::committee,
                                         {inv.clues}, false);
            if (!user)
                return std::unexpected(user.error());
            e.user_id = *user;
            return store::claim_invitation(w, inv.id, *user, username);
        });
    if (!done)
        return error_response(done.error());
    auto db = ctx.store.readers().acquire();
    auto m = store::find_member(*db, invitation->clues, invitation->member_id);
    domain::principal p{done->user_id, username, domain::role::committee, {invitation->clues}};
    return json_response(
        {{"user", server::to_json(p)}, {"member", m ? to_json(*m, false) : json(nullptr)}}, 201);
}

} // namespace

void add_committee_routes(router& r, app_context& ctx) {
    r.add("GET", "/api/c/{clues}/nominations",
          [&ctx](const request& req) { return list_nominations(ctx, req); });
    r.add("POST", "/api/c/{clues}/nominations",
          [&ctx](const request& req) { return nominate(ctx, req); });
    r.add("DELETE", "/api/c/{clues}/nominations/{id}",
          [&ctx](const request& req) { return withdraw(ctx, req); });
    r.add("GET", "/api/c/{clues}/committee",
          [&ctx](const request& req) { return committee(ctx, req); });
    r.add("POST", "/api/c/{clues}/committee/{id}/invitation",
          [&ctx](const request& req) { return invite(ctx, req); });
    r.add("POST", "/api/c/{clues}/committee/claim",
          [&ctx](const request& req) { return claim(ctx, req); });
}

} // namespace asamblea::server
