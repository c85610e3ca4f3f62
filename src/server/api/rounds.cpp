#include "domain/assembly/credential_code.hpp"
#include "domain/committee.hpp"
#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/rooms/room_registry.hpp"
#include "server/schema_registry.hpp"
#include "store/clinic_repo.hpp"
#include "store/clock.hpp"
#include "store/committee_repo.hpp"
#include "store/proposal_repo.hpp"
#include "store/round_repo.hpp"

#include <future>

namespace asamblea::server {
namespace {

struct round_event {
    std::int64_t round_id = 0;
    std::int64_t assembly_id = 0;
    domain::round_spec spec;
    std::string closes_at;
    std::chrono::system_clock::time_point closes_at_tp{};
    bool flag = false;
};

domain::error no_assembly() {
    return {domain::error_kind::not_found, "no_assembly",
            "Esta unidad todavía no tiene asamblea convocada.", "", 0};
}

/// The round as the wire shows it, read on the room's strand so counts are current.
nlohmann::json round_reply(room& r, std::int64_t round_id) {
    return r.read_sync([&]() -> nlohmann::json {
        const auto& current = r.state().round();
        if (current && current->id == round_id)
            return r.state().round_json(*current, true);
        auto db = r.db().readers().acquire();
        auto row = store::find_round(*db, round_id);
        return row ? r.state().round_json(*row, false) : nlohmann::json(nullptr);
    });
}

// Reads the round and checks it belongs to the room's assembly; on the strand.
domain::result<store::round_row> load_round(room& r, std::int64_t round_id) {
    auto db = r.db().readers().acquire();
    auto row = store::find_round(*db, round_id);
    if (!row || row->assembly_id != r.state().info().assembly_id)
        return domain::fail(domain::error_kind::not_found, "round_not_found",
                            "No existe esa votación.");
    return *row;
}

// A round of this role still to be decided (preparada or abierta) blocks a second one.
domain::status no_pending_round_of(SQLite::Database& db, std::int64_t assembly_id,
                                   const std::string& role) {
    if (auto row = store::pending_role_round(db, assembly_id, role))
        return domain::fail(domain::error_kind::conflict, "role_round_pending",
                            "Ya hay una votación de este cargo preparada o abierta: «" +
                                row->spec.title + "».",
                            "role");
    return {};
}

domain::status no_runoff_yet(SQLite::Database& db, std::int64_t assembly_id,
                             std::int64_t round_id) {
    if (auto other = store::find_runoff(db, assembly_id, round_id))
        return domain::fail(domain::error_kind::conflict, "runoff_exists",
                            "La segunda vuelta de esta elección ya existe: «" + other->spec.title +
                                "».");
    return {};
}

// Checked again inside the write, so two racing requests cannot both create a COSABI round.
domain::status committee_round_free(SQLite::Database& db, std::int64_t assembly_id,
                                    const domain::round_spec& spec) {
    if (spec.runoff_of != 0)
        if (auto ok = no_runoff_yet(db, assembly_id, spec.runoff_of); !ok)
            return ok;
    if (!spec.role.empty())
        return no_pending_round_of(db, assembly_id, spec.role);
    return {};
}

// COSABI: a role's election from its nominations (present people who hold no other role yet).
domain::result<domain::round_spec> role_election(room& r, SQLite::Database& db,
                                                 const nlohmann::json& body) {
    auto role = *domain::parse_committee_role(body["role"].get<std::string>());
    if (body.value("kind", "") != "election")
        return domain::fail(domain::error_kind::invalid, "bad_role",
                            "Solo una elección puede elegir un cargo del COSABI.", "role");
    if (body.value("ratify_committee", false))
        return domain::fail(domain::error_kind::invalid, "bad_ratification",
                            "Solo una moción puede ratificar al COSABI.", "ratify_committee");
    if (body.contains("options"))
        return domain::fail(domain::error_kind::invalid, "options_from_nominations",
                            "Las candidaturas de un cargo salen de sus postulaciones; no las "
                            "escriba.",
                            "options");
    const auto& info = r.state().info();
    if (auto ok = no_pending_round_of(db, info.assembly_id, std::string(to_string(role))); !ok)
        return std::unexpected(ok.error());
    std::vector<domain::nominee> nominees;
    for (const auto& n :
         store::list_nominations(db, info.assembly_id, std::string(to_string(role)))) {
        if (!n.present)
            continue;
        auto held = store::role_held(db, r.clues(), info.edition, n.attendee_id);
        if (held && *held != n.role)
            continue;
        nominees.push_back({n.attendee_id, n.nombre, n.sexo});
    }
    domain::role_election_request request;
    request.role = role;
    request.title = body.value("title", "");
    request.seats = body.value("seats", 0);
    request.rule = body.value("rule", "");
    request.parity = body.value("parity", false);
    if (request.rule == "greedy" || request.rule.starts_with("mes"))
        return domain::fail(domain::error_kind::invalid, "bad_rule",
                            "La regla debe ser av o seqphragmen.", "rule");
    return domain::make_role_election(request, nominees);
}

// COSABI: the motion that keeps the previous committee for this assembly's term.
domain::result<domain::round_spec> ratification(room& r, SQLite::Database& db,
                                                const nlohmann::json& body) {
    if (body.value("kind", "") != "motion")
        return domain::fail(domain::error_kind::invalid, "bad_ratification",
                            "Solo una moción puede ratificar al COSABI.", "ratify_committee");
    auto previous = store::latest_term(db, r.clues(), r.state().info().edition - 1);
    if (!previous)
        return domain::fail(domain::error_kind::conflict, "no_committee_to_ratify",
                            "No hay un COSABI de años anteriores que ratificar.",
                            "ratify_committee");
    return domain::make_round_spec(domain::make_ratification(body.value("title", ""), *previous));
}

domain::result<domain::round_spec> build_spec(room& r, const nlohmann::json& body) {
    if (body.contains("role")) {
        auto db = r.db().readers().acquire();
        return role_election(r, *db, body);
    }
    if (body.value("ratify_committee", false)) {
        auto db = r.db().readers().acquire();
        return ratification(r, *db, body);
    }
    domain::round_spec spec;
    spec.kind = *domain::parse_round_kind(body["kind"].get<std::string>());
    spec.title = body.value("title", "");
    spec.max_choices = body.value("max_choices", 0);
    spec.cost_cap = body.value("cost_cap_centavos", std::int64_t{0});
    spec.seats = body.value("seats", 1);
    spec.parity = body.value("parity", false);
    spec.rule = body.value("rule", spec.kind == domain::round_kind::election ? "av" : "greedy");
    auto db = r.db().readers().acquire();
    if (spec.kind == domain::round_kind::budget) {
        auto clinic = store::find_clinic(*db, r.clues());
        spec.budget = clinic ? clinic->presupuesto : 0;
        for (const auto& row : store::list_proposal_rows(*db, r.state().info().assembly_id, true)) {
            spec.options.push_back({std::to_string(row.p.id), row.p.title, row.p.cost,
                                    std::string(domain::to_string(row.p.category)),
                                    row.p.description, ""});
        }
        if (spec.options.empty())
            return domain::fail(domain::error_kind::conflict, "no_accepted_proposals",
                                "No hay propuestas aceptadas para votar.");
    } else if (spec.kind == domain::round_kind::election) {
        for (const auto& o : body.value("options", nlohmann::json::array()))
            spec.options.push_back({o["id"], o["label"], 0, "", "", o.value("sexo", "")});
    }
    return domain::make_round_spec(std::move(spec));
}

/// Creates a round whose spec is built on the room's strand; the routes that create rounds share
/// the checks (an assembly that is not closed) and the write (committee roles stay unique).
response create_round_from(
    room& rm, const std::string& clues,
    const std::function<domain::result<domain::round_spec>(const room_state::summary&)>&
        make_spec) {
    auto done = rm.command_sync<round_event>(
        [&]() -> domain::result<round_event> {
            const auto& info = rm.state().info();
            if (info.assembly_id == 0)
                return std::unexpected(no_assembly());
            if (info.state == "cerrada")
                return domain::fail(domain::error_kind::conflict, "assembly_closed",
                                    "La asamblea ya se cerró.");
            auto spec = make_spec(info);
            if (!spec)
                return std::unexpected(spec.error());
            round_event ev;
            ev.assembly_id = info.assembly_id;
            ev.spec = std::move(*spec);
            return ev;
        },
        [c = clues](store::write_context& w, round_event& ev) -> domain::status {
            if (auto ok = committee_round_free(w.db(), ev.assembly_id, ev.spec); !ok)
                return ok;
            ev.round_id = store::create_round(w, ev.assembly_id, c, ev.spec);
            return {};
        },
        [](const round_event&) {});
    if (!done)
        return error_response(done.error());
    return json_response(round_reply(rm, done->round_id), 201);
}

// A moderator's command on one round through the room: the round must belong to the assembly and
// pass `check` on the strand; `persist` writes (and checks again) in the writer. The reply is the
// round as it stands after the commit.
response round_command(
    app_context& ctx, const moderated_target& target, bool flag,
    const std::function<domain::status(const store::round_row&)>& check,
    std::function<domain::status(store::write_context&, const std::string&, const round_event&)>
        persist) {
    auto room = ctx.rooms.get(target.clues);
    auto done = room->command_sync<round_event>(
        [&]() -> domain::result<round_event> {
            auto row = load_round(*room, target.id);
            if (!row)
                return std::unexpected(row.error());
            if (auto ok = check(*row); !ok)
                return std::unexpected(ok.error());
            round_event ev;
            ev.round_id = target.id;
            ev.flag = flag;
            return ev;
        },
        [c = target.clues, persist = std::move(persist)](store::write_context& w, round_event& ev) {
            return persist(w, c, ev);
        },
        [](const round_event&) {});
    if (!done)
        return error_response(done.error());
    return json_response(round_reply(*room, target.id));
}

domain::status any_round(const store::round_row&) {
    return {};
}

} // namespace

void add_round_routes(router& r, app_context& ctx) {
    r.add("GET", "/api/c/{clues}/rounds", [&ctx](const request& req) {
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
                                  ? room->state().round_json(*current, true)
                                  : room->state().round_json(row, false));
            return out;
        });
        return json_response({{"items", items}});
    });

    r.add("POST", "/api/c/{clues}/rounds", [&ctx](const request& req) {
        auto target = moderated(ctx, req);
        if (!target)
            return error_response(target.error());
        auto body = parse_body(ctx.schemas, "round_create", req.body);
        if (!body)
            return error_response(body.error());
        auto room = ctx.rooms.get(target->clues);
        return create_round_from(*room, target->clues, [&](const room_state::summary&) {
            return build_spec(*room, *body);
        });
    });

    // A single-seat election that tied: a new round among the tied only (same role), ready to open.
    r.add("POST", "/api/c/{clues}/rounds/{id}/runoff", [&ctx](const request& req) {
        auto target = moderated_with_id(ctx, req);
        if (!target)
            return error_response(target.error());
        auto room = ctx.rooms.get(target->clues);
        return create_round_from(
            *room, target->clues,
            [&](const room_state::summary& info) -> domain::result<domain::round_spec> {
                auto row = load_round(*room, target->id);
                if (!row)
                    return std::unexpected(row.error());
                if (row->status != domain::round_status::cerrada || !row->result)
                    return domain::fail(domain::error_kind::conflict, "round_not_closed",
                                        "Cierre la votación antes de preparar la segunda vuelta.");
                if (!row->result->value("runoff", false))
                    return domain::fail(domain::error_kind::conflict, "no_tie",
                                        "Esta elección no terminó en empate: no hace falta "
                                        "segunda vuelta.");
                auto spec = domain::make_runoff(
                    row->spec, target->id, row->result->value("tied", std::vector<std::string>{}));
                if (!spec)
                    return std::unexpected(spec.error());
                auto db = room->db().readers().acquire();
                if (auto ok = committee_round_free(*db, info.assembly_id, *spec); !ok)
                    return std::unexpected(ok.error());
                return spec;
            });
    });

    r.add("POST", "/api/c/{clues}/rounds/{id}/open", [&ctx](const request& req) {
        auto target = moderated_with_id(ctx, req);
        if (!target)
            return error_response(target.error());
        auto body = parse_body(ctx.schemas, "round_open", req.body.empty() ? "{}" : req.body);
        if (!body)
            return error_response(body.error());
        int duration = body->value("duration_seconds", 0);
        bool without_quorum = body->value("confirm_without_quorum", false);
        auto room = ctx.rooms.get(target->clues);
        auto done = room->command_sync<round_event>(
            [&]() -> domain::result<round_event> {
                if (room->state().info().state != "en_sesion")
                    return domain::fail(domain::error_kind::conflict, "not_in_session",
                                        "Solo se puede votar con la asamblea en sesión.");
                auto row = load_round(*room, target->id);
                if (!row)
                    return std::unexpected(row.error());
                if (room->state().round_open())
                    return domain::fail(domain::error_kind::conflict, "another_round_open",
                                        "Ya hay otra votación abierta. Ciérrela primero.");
                // Without quorum the result will not be valid: the moderator must confirm.
                const auto& info = room->state().info();
                if (auto ok =
                        domain::check_open_quorum(info.attendance, info.quorum_min, without_quorum);
                    !ok)
                    return std::unexpected(ok.error());
                round_event ev;
                ev.round_id = target->id;
                if (duration > 0) {
                    ev.closes_at_tp =
                        std::chrono::system_clock::now() + std::chrono::seconds(duration);
                    ev.closes_at = store::format_utc(ev.closes_at_tp);
                }
                return ev;
            },
            [c = target->clues](store::write_context& w, round_event& ev) {
                return store::open_round(w, ev.round_id, c, ev.closes_at);
            },
            [room](const round_event& ev) {
                if (!ev.closes_at.empty())
                    room->arm_countdown(ev.round_id, ev.closes_at_tp);
            });
        if (!done)
            return error_response(done.error());
        return json_response(round_reply(*room, target->id));
    });

    r.add("POST", "/api/c/{clues}/rounds/{id}/close", [&ctx](const request& req) {
        auto target = moderated_with_id(ctx, req);
        if (!target)
            return error_response(target.error());
        auto room = ctx.rooms.get(target->clues);
        std::promise<domain::result<nlohmann::json>> promise;
        auto future = promise.get_future();
        boost::asio::post(room->strand(), [&] {
            room->close_round(target->id, [&](domain::result<nlohmann::json> r) {
                promise.set_value(std::move(r));
            });
        });
        auto closed = future.get();
        if (!closed)
            return error_response(closed.error());
        return json_response(round_reply(*room, target->id));
    });

    auto flag_route = [&ctx, &r](const char* path, bool needs_body) {
        r.add("POST", path, [&ctx, needs_body](const request& req) {
            auto target = moderated_with_id(ctx, req);
            if (!target)
                return error_response(target.error());
            bool enabled = true;
            if (needs_body) {
                auto body = parse_body(ctx.schemas, "round_live", req.body);
                if (!body)
                    return error_response(body.error());
                enabled = (*body)["enabled"];
            }
            return round_command(
                ctx, *target, enabled, any_round,
                [needs_body](store::write_context& w, const std::string& c, const round_event& ev) {
                    return needs_body ? store::set_live_results(w, ev.round_id, c, ev.flag)
                                      : store::reveal_round(w, ev.round_id, c);
                });
        });
    };
    flag_route("/api/c/{clues}/rounds/{id}/reveal", false);
    flag_route("/api/c/{clues}/rounds/{id}/live", true);

    // A round prepared by mistake is voided (kept and audited), never deleted. Once it opened,
    // people may have voted: 409, it can only be closed. The room then falls back to the round
    // before it, so the moderator can prepare another.
    r.add("POST", "/api/c/{clues}/rounds/{id}/cancel", [&ctx](const request& req) {
        auto target = moderated_with_id(ctx, req);
        if (!target)
            return error_response(target.error());
        return round_command(
            ctx, *target, false,
            [](const store::round_row& row) { return domain::check_cancel_round(row.status); },
            [](store::write_context& w, const std::string& c, const round_event& ev) {
                return store::cancel_round(w, ev.round_id, c);
            });
    });

    r.add("GET", "/api/c/{clues}/rounds/{id}/ballots", [&ctx](const request& req) {
        auto clues = path_clues(req);
        if (!clues)
            return error_response(clues.error());
        auto id = path_id(req, "id");
        if (!id)
            return error_response(id.error());
        auto room = ctx.rooms.get(*clues);
        auto row = room->read_sync([&] { return load_round(*room, *id); });
        if (!row)
            return error_response(row.error());
        if (row->status != domain::round_status::cerrada)
            return error_response({domain::error_kind::conflict, "round_not_closed",
                                   "La lista de boletas se publica al cerrar la votación.", "", 0});
        auto db = ctx.store.readers().acquire();
        nlohmann::json items = nlohmann::json::array();
        for (const auto& b : store::counted_ballots(*db, *id))
            items.push_back(
                {{"receipt", domain::display_credential_code(b.receipt)}, {"choices", b.choices}});
        return json_response({{"items", items}});
    });
}

} // namespace asamblea::server
