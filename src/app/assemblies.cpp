#include "app/assemblies.hpp"

#include "app/assembly_lookup.hpp"
#include "app/followup/voted_works.hpp"
#include "store/ballot_keys.hpp"
#include "store/round_repo.hpp"

namespace asamblea::app {
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

// The same check before queueing (a quick answer) and inside the write (the final word).
domain::status edition_free(SQLite::Database& db, const std::string& clues, int edition) {
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
}

} // namespace

command<assembly_created> create_assembly(assembly_created request) {
    return {
        .prepare = [request](scope& s) -> domain::result<assembly_created> {
            if (auto clinic = find_clinic(s.db(), s.clues); !clinic)
                return std::unexpected(clinic.error());
            if (auto ok = edition_free(s.db(), s.clues, request.edition); !ok)
                return std::unexpected(ok.error());
            return request;
        },
        .persist = [](store::write_context& w, const std::string& clues,
                      assembly_created& e) -> domain::status {
            if (auto ok = edition_free(w.db(), clues, e.edition); !ok)
                return ok;
            store::create_assembly(w, clues, e.edition, e.scheduled_at, e.quorum_min);
            return {};
        },
    };
}

command<assembly_moved> transition_assembly(domain::assembly_state to, store::ballot_keys& keys) {
    return {
        .prepare = [to](scope& s) -> domain::result<assembly_moved> {
            auto a = current_assembly(s.db(), s.clues);
            if (!a)
                return std::unexpected(a.error());
            auto next = domain::transition(a->phase(), to);
            if (!next)
                return std::unexpected(next.error());
            if (next->state == domain::assembly_state::cerrada &&
                store::has_open_round(s.db(), a->id))
                return std::unexpected(round_still_open());
            return assembly_moved{std::move(*a), *next};
        },
        .persist = [](store::write_context& w, const std::string&,
                      assembly_moved& e) -> domain::status {
            bool closing = e.next.state == domain::assembly_state::cerrada;
            // Checked again inside the write: a round opened meanwhile keeps the assembly open.
            if (closing && store::has_open_round(w.db(), e.before.id))
                return std::unexpected(round_still_open());
            if (closing)
                // Recorded with the close it belongs to; the file goes right after the commit,
                // and a crash in between is finished at the next start (store::store).
                w.audit("assembly.ballot_key_destroyed", e.before.clues,
                        {{"assembly_id", e.before.id}});
            if (closing)
                // What the vote selected becomes the committee's work, in the close's commit and
                // before the close's own event, which stays the last of the assembly (the acta
                // prints it as the chain's head at the close).
                create_voted_work_items(w, e.before);
            if (!store::update_assembly_state(w, e.before, e.next))
                return std::unexpected(state_changed());
            return {};
        },
        .finish =
            [&keys](const assembly_moved& e) {
                if (e.next.state == domain::assembly_state::cerrada)
                    keys.destroy(e.before.id);
                else if (e.next.state == domain::assembly_state::en_sesion)
                    // Made here, so the first ballot never waits for its fsync on the strand.
                    keys.get_or_create(e.before.id);
            },
    };
}

command<store::assembly_row> update_quorum(int quorum_min) {
    auto open = [](const store::assembly_row& a) -> domain::status {
        if (a.state == domain::assembly_state::cerrada)
            return domain::fail(error_kind::conflict, "wrong_state",
                                "La asamblea ya está cerrada; no se puede cambiar el quórum.");
        return {};
    };
    return {
        .prepare = [open](scope& s) -> domain::result<store::assembly_row> {
            auto a = current_assembly(s.db(), s.clues);
            if (!a)
                return a;
            if (auto ok = open(*a); !ok)
                return std::unexpected(ok.error());
            return a;
        },
        .persist = [open, quorum_min](store::write_context& w, const std::string&,
                                      store::assembly_row& seen) -> domain::status {
            auto a = still_current(w.db(), seen);
            if (!a)
                return std::unexpected(a.error());
            if (auto ok = open(*a); !ok)
                return ok;
            store::update_quorum(w, *a, quorum_min);
            return {};
        },
    };
}

command<clinic_scheduled> schedule_clinic(int edition, std::string scheduled_at,
                                          std::optional<int> quorum_min) {
    return {
        .prepare = [](scope&) -> domain::result<clinic_scheduled> { return clinic_scheduled{}; },
        .persist = [edition, at = std::move(scheduled_at),
                    quorum_min](store::write_context& w, const std::string& clues,
                                clinic_scheduled& e) -> domain::status {
            auto a = store::find_assembly(w.db(), clues, edition);
            if (!a) {
                store::create_assembly(w, clues, edition, at, quorum_min.value_or(0));
                e.result = clinic_scheduled::outcome::created;
            } else if (a->state == domain::assembly_state::convocada) {
                store::update_schedule(w, *a, at, quorum_min);
                e.result = clinic_scheduled::outcome::updated;
            }
            return {};
        },
    };
}

} // namespace asamblea::app
