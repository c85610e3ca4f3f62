#include "domain/assembly/assembly_state.hpp"
#include "domain/assembly/schedule_time.hpp"
#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/auth/auth_service.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/schema_registry.hpp"
#include "store/round_repo.hpp"
#include "store/schedule_repo.hpp"
#include "store/store.hpp"

#include <future>
#include <memory>
#include <optional>
#include <vector>

namespace asamblea::server {
namespace {

using domain::error_kind;

domain::error state_changed() {
    return {error_kind::conflict, "state_changed",
            "El estado de la asamblea cambió mientras tanto. Actualice la página.", "", 0};
}

domain::error round_still_open() {
    return {error_kind::conflict, "round_open",
            "Hay una votación abierta. Ciérrela antes de cerrar la asamblea.", "", 0};
}

response current_view(app_context& ctx, const std::string& clues, unsigned status = 200) {
    auto db = ctx.store.readers().acquire();
    auto a = current_assembly(*db, clues);
    if (!a)
        return error_response(a.error());
    return json_response(assembly_view(*db, *a), status);
}

response create_assembly(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto who = staff(ctx, req, {domain::role::coordinator}, *clues);
    if (!who)
        return error_response(who.error());
    auto body = parse_body(ctx.schemas, "assembly_create", req.body);
    if (!body)
        return error_response(body.error());
    if (auto clinic = find_clinic(ctx, *clues); !clinic)
        return error_response(clinic.error());
    auto at = domain::normalize_utc_timestamp((*body)["scheduled_at"].get<std::string>());
    if (!at)
        return error_response(at.error());

    struct created {
        int edition = 0;
        std::string scheduled_at;
        int quorum_min = 0;
    };
    // The same check before queueing (a quick answer) and inside the write (the final word).
    auto check = [clues = *clues](SQLite::Database& db, int edition) -> domain::status {
        if (store::find_assembly(db, clues, edition))
            return domain::fail(error_kind::conflict, "assembly_exists",
                                "Esta unidad ya tiene la asamblea " + std::to_string(edition) + ".",
                                "edition");
        if (auto latest = store::latest_assembly(db, clues); latest && latest->edition > edition)
            return domain::fail(error_kind::conflict, "newer_assembly_exists",
                                "Esta unidad ya tiene una asamblea más reciente (" +
                                    std::to_string(latest->edition) + ").",
                                "edition");
        return {};
    };
    created event{(*body)["edition"].get<int>(), *at, body->value("quorum_min", 0)};
    auto done = room_command<created>(
        ctx, *clues,
        [&](SQLite::Database& db) -> domain::result<created> {
            if (auto ok = check(db, event.edition); !ok)
                return std::unexpected(ok.error());
            return event;
        },
        [check, clues = *clues](store::write_context& w, created& e) -> domain::status {
            if (auto ok = check(w.db(), e.edition); !ok)
                return ok;
            store::create_assembly(w, clues, e.edition, e.scheduled_at, e.quorum_min);
            return {};
        });
    if (!done)
        return error_response(done.error());
    return current_view(ctx, *clues, 201);
}

response transition_assembly(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "assembly_transition", req.body);
    if (!body)
        return error_response(body.error());
    auto to = domain::parse_assembly_state((*body)["to"].get<std::string>());

    struct moved {
        store::assembly_row a;
        domain::assembly_phase next;
    };
    auto done = room_command<moved>(
        ctx, target->clues,
        [&](SQLite::Database& db) -> domain::result<moved> {
            auto a = current_assembly(db, target->clues);
            if (!a)
                return std::unexpected(a.error());
            domain::assembly_phase phase{
                domain::parse_assembly_state(a->state).value_or(domain::assembly_state::convocada),
                domain::parse_assembly_state(a->resumes_to)};
            auto next = domain::transition(phase, *to);
            if (!next)
                return std::unexpected(next.error());
            if (next->state == domain::assembly_state::cerrada && store::has_open_round(db, a->id))
                return std::unexpected(round_still_open());
            return moved{*a, *next};
        },
        [](store::write_context& w, moved& e) -> domain::status {
            std::string resumes_to =
                e.next.resumes_to ? std::string(domain::to_string(*e.next.resumes_to)) : "";
            bool closing = e.next.state == domain::assembly_state::cerrada;
            // Checked again inside the write: a round opened meanwhile keeps the assembly open.
            if (closing && store::has_open_round(w.db(), e.a.id))
                return std::unexpected(round_still_open());
            if (closing)
                // Recorded with the close it belongs to; the file goes right after the commit,
                // and a crash in between is finished at the next start (store::store).
                w.audit("assembly.ballot_key_destroyed", e.a.clues, {{"assembly_id", e.a.id}});
            if (!store::update_assembly_state(
                    w, e.a, e.a.state, std::string(domain::to_string(e.next.state)), resumes_to))
                return std::unexpected(state_changed());
            return {};
        });
    if (!done)
        return error_response(done.error());
    auto& keys = ctx.store.ballot_keys();
    if (done->next.state == domain::assembly_state::cerrada)
        keys.destroy(done->a.id);
    else if (done->next.state == domain::assembly_state::en_sesion)
        // Made here, on a worker thread, so the first ballot never waits for its fsync on the
        // rooms' thread.
        keys.get_or_create(done->a.id);
    return current_view(ctx, target->clues);
}

response update_assembly(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "assembly_update", req.body);
    if (!body)
        return error_response(body.error());
    int quorum = (*body)["quorum_min"].get<int>();

    auto open = [](SQLite::Database&, const store::assembly_row& a) -> domain::status {
        if (a.state == "cerrada")
            return domain::fail(error_kind::conflict, "wrong_state",
                                "La asamblea ya está cerrada; no se puede cambiar el quórum.");
        return {};
    };
    auto done = checked_assembly_command(
        ctx, target->clues, open,
        [quorum](store::write_context& w, const store::assembly_row& a) -> domain::status {
            store::update_quorum(w, a, quorum);
            return {};
        });
    if (!done)
        return error_response(done.error());
    return current_view(ctx, target->clues);
}

response schedule_national(app_context& ctx, const request& req) {
    auto who = ctx.auth.authenticate(req.bearer());
    if (!who)
        return error_response(who.error());
    if (auto ok = domain::authorize(*who, {domain::role::coordinator}, ""); !ok)
        return error_response(ok.error());
    auto body = parse_body(ctx.schemas, "national_schedule", req.body);
    if (!body)
        return error_response(body.error());
    auto at = domain::mexico_city_to_utc((*body)["local_datetime"].get<std::string>());
    if (!at)
        return error_response(at.error());
    std::string institucion = (*body)["institucion"];
    std::string entidad = body->value("entidad", "");
    int edition = (*body)["edition"];
    std::optional<int> quorum;
    if (body->contains("quorum_min"))
        quorum = (*body)["quorum_min"].get<int>();

    std::vector<std::string> clinics;
    {
        auto db = ctx.store.readers().acquire();
        for (auto& clues : store::clinics_of_institution(*db, institucion, entidad))
            if (domain::authorize(*who, {domain::role::coordinator}, clues))
                clinics.push_back(std::move(clues));
    }
    if (clinics.empty())
        return error_response({error_kind::not_found, "no_clinics",
                               "Ninguna unidad de su alcance coincide con esa institución" +
                                   std::string(entidad.empty() ? "" : " y entidad") + ".",
                               "institucion", 0});

    enum class outcome { created, updated, skipped };
    struct scheduled {
        std::string clues;
        outcome result = outcome::skipped;
    };
    // One command per clinic, each through its own room, all queued at once so the writer
    // commits them in a few batches. Rescheduling is idempotent, so a retry after a failure is
    // safe.
    std::vector<std::future<domain::result<scheduled>>> pending;
    pending.reserve(clinics.size());
    for (const auto& clues : clinics) {
        auto promise = std::make_shared<std::promise<domain::result<scheduled>>>();
        pending.push_back(promise->get_future());
        ctx.rooms.get(clues)->command<scheduled>(
            [clues]() -> domain::result<scheduled> { return scheduled{clues}; },
            [edition, at = *at, quorum](store::write_context& w, scheduled& e) -> domain::status {
                auto a = store::find_assembly(w.db(), e.clues, edition);
                if (!a) {
                    store::create_assembly(w, e.clues, edition, at, quorum.value_or(0));
                    e.result = outcome::created;
                } else if (a->state == "convocada") {
                    store::update_schedule(w, *a, at, quorum);
                    e.result = outcome::updated;
                }
                return {};
            },
            [](const scheduled&) {},
            [promise](domain::result<scheduled> r) { promise->set_value(std::move(r)); });
    }
    int created = 0, updated = 0, skipped = 0;
    std::optional<domain::error> failure;
    for (auto& f : pending) {
        auto r = f.get();
        if (!r) {
            failure = r.error();
            continue;
        }
        (r->result == outcome::created   ? created
         : r->result == outcome::updated ? updated
                                         : skipped)++;
    }
    if (failure)
        return error_response(*failure);
    return json_response({{"scheduled", created + updated},
                          {"created", created},
                          {"updated", updated},
                          {"skipped", skipped},
                          {"scheduled_at", *at}});
}

} // namespace

void add_assembly_routes(router& r, app_context& ctx) {
    r.add("GET", "/api/c/{clues}/assembly", [&ctx](const request& req) {
        auto clues = path_clues(req);
        if (!clues)
            return error_response(clues.error());
        return current_view(ctx, *clues);
    });
    r.add("POST", "/api/c/{clues}/assembly",
          [&ctx](const request& req) { return create_assembly(ctx, req); });
    r.add("PATCH", "/api/c/{clues}/assembly",
          [&ctx](const request& req) { return update_assembly(ctx, req); });
    r.add("POST", "/api/c/{clues}/assembly/transition",
          [&ctx](const request& req) { return transition_assembly(ctx, req); });
    r.add("POST", "/api/national/schedule",
          [&ctx](const request& req) { return schedule_national(ctx, req); });
}

} // namespace asamblea::server
