#include "app/rounds.hpp"

#include "app/committee_outcome.hpp"
#include "domain/committee.hpp"
#include "store/clinic_repo.hpp"
#include "store/clock.hpp"
#include "store/member_repo.hpp"
#include "store/nomination_repo.hpp"
#include "store/proposal_repo.hpp"
#include "store/assembly_repo.hpp"
#include "store/round_repo.hpp"

namespace asamblea::app {
namespace {

using domain::error_kind;

domain::status no_runoff_yet(SQLite::Database& db, std::int64_t assembly_id,
                             std::int64_t round_id) {
    if (auto other = store::find_runoff(db, assembly_id, round_id))
        return domain::fail(error_kind::conflict, "runoff_exists",
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
        return no_pending_role_round(db, assembly_id, spec.role);
    return {};
}

// COSABI: a role's election from its nominations (present people who hold no other role yet).
domain::result<domain::round_spec> role_election(scope& s, const round_request& request) {
    auto role = domain::parse_committee_role(*request.role);
    if (!role)
        return domain::fail(error_kind::invalid, "bad_role", "Ese cargo no existe.", "role");
    if (request.kind != domain::round_kind::election)
        return domain::fail(error_kind::invalid, "bad_role",
                            "Solo una elección puede elegir un cargo del COSABI.", "role");
    if (request.ratify_committee)
        return domain::fail(error_kind::invalid, "bad_ratification",
                            "Solo una moción puede ratificar al COSABI.", "ratify_committee");
    if (request.options_given)
        return domain::fail(error_kind::invalid, "options_from_nominations",
                            "Las candidaturas de un cargo salen de sus postulaciones; no las "
                            "escriba.",
                            "options");
    const auto& info = s.state.info();
    std::string role_name(domain::to_string(*role));
    if (auto ok = no_pending_role_round(s.db(), info.assembly_id, role_name); !ok)
        return std::unexpected(ok.error());
    std::vector<domain::nominee> nominees;
    for (const auto& n : store::list_nominations(s.db(), info.assembly_id, role_name)) {
        auto held = store::role_held(s.db(), s.clues, info.edition, n.attendee_id);
        if (domain::may_stand_for(n.present, held, n.role))
            nominees.push_back({n.attendee_id, n.nombre, n.sexo});
    }
    domain::role_election_request election;
    election.role = *role;
    election.title = request.title;
    election.seats = request.seats.value_or(0);
    election.rule = request.rule.value_or("");
    election.parity = request.parity;
    if (election.rule == "greedy" || election.rule.starts_with("mes"))
        return domain::fail(error_kind::invalid, "bad_rule", "La regla debe ser av o seqphragmen.",
                            "rule");
    return domain::make_role_election(election, nominees);
}

// COSABI: the motion that keeps the previous committee for this assembly's term.
domain::result<domain::round_spec> ratification(scope& s, const round_request& request) {
    if (request.kind != domain::round_kind::motion)
        return domain::fail(error_kind::invalid, "bad_ratification",
                            "Solo una moción puede ratificar al COSABI.", "ratify_committee");
    auto previous = store::latest_term(s.db(), s.clues, s.state.info().edition - 1);
    if (!previous)
        return domain::fail(error_kind::conflict, "no_committee_to_ratify",
                            "No hay un COSABI de años anteriores que ratificar.",
                            "ratify_committee");
    return domain::make_round_spec(domain::make_ratification(request.title, *previous));
}

domain::result<domain::round_spec> build_spec(scope& s, const round_request& request) {
    if (request.role)
        return role_election(s, request);
    if (request.ratify_committee)
        return ratification(s, request);
    domain::round_spec spec;
    spec.kind = request.kind;
    spec.title = request.title;
    spec.max_choices = request.max_choices;
    spec.cost_cap = request.cost_cap;
    spec.seats = request.seats.value_or(1);
    spec.parity = request.parity;
    spec.rule = request.rule.value_or(spec.kind == domain::round_kind::election ? "av" : "greedy");
    if (spec.kind == domain::round_kind::budget) {
        auto clinic = store::find_clinic(s.db(), s.clues);
        spec.budget = clinic ? clinic->presupuesto : 0;
        for (const auto& row : store::list_proposal_rows(s.db(), s.state.info().assembly_id, true))
            spec.options.push_back({std::to_string(row.p.id), row.p.title, row.p.cost,
                                    std::string(domain::to_string(row.p.category)),
                                    row.p.description, ""});
        if (spec.options.empty())
            return domain::fail(error_kind::conflict, "no_accepted_proposals",
                                "No hay propuestas aceptadas para votar.");
    } else if (spec.kind == domain::round_kind::election) {
        spec.options = request.options;
    }
    return domain::make_round_spec(std::move(spec));
}

// The routes that create rounds share the checks (an assembly that is not closed) and the
// write (committee roles stay unique).
command<round_event> creating(std::function<domain::result<domain::round_spec>(scope&)> make_spec) {
    return {
        .prepare = [make_spec = std::move(make_spec)](scope& s) -> domain::result<round_event> {
            const auto& info = s.state.info();
            if (info.assembly_id == 0)
                return std::unexpected(domain::no_assembly());
            if (info.state == domain::assembly_state::cerrada)
                return domain::fail(error_kind::conflict, "assembly_closed",
                                    "La asamblea ya se cerró.");
            auto spec = make_spec(s);
            if (!spec)
                return std::unexpected(spec.error());
            round_event ev;
            ev.assembly_id = info.assembly_id;
            ev.spec = std::move(*spec);
            return ev;
        },
        .persist = [](store::write_context& w, const std::string& clues,
                      round_event& ev) -> domain::status {
            if (auto ok = committee_round_free(w.db(), ev.assembly_id, ev.spec); !ok)
                return ok;
            ev.round_id = store::create_round(w, ev.assembly_id, clues, ev.spec);
            return {};
        },
    };
}

// A command on one existing round: it must belong to the assembly and pass `check` on the
// strand; `persist` writes (and checks again) in the writer.
command<round_event> on_round(
    std::int64_t round_id, std::function<domain::status(const store::round_row&)> check,
    std::function<domain::status(store::write_context&, const std::string&, const round_event&)>
        persist) {
    return {
        .prepare = [round_id, check = std::move(check)](scope& s) -> domain::result<round_event> {
            auto row = find_round(s.db(), s.state, round_id);
            if (!row)
                return std::unexpected(row.error());
            if (check)
                if (auto ok = check(*row); !ok)
                    return std::unexpected(ok.error());
            round_event ev;
            ev.round_id = round_id;
            ev.assembly_id = row->assembly_id;
            return ev;
        },
        .persist = [persist =
                        std::move(persist)](store::write_context& w, const std::string& clues,
                                            round_event& ev) { return persist(w, clues, ev); },
    };
}

// The close's tally, from the ballots committed in this very transaction: every ballot
// acknowledged before the close is counted, and nothing after it.
domain::status record_close(store::write_context& w, const std::string& clues,
                            const round_event& ev) {
    auto round = store::find_round(w.db(), ev.round_id);
    if (!round || round->status != domain::round_status::abierta)
        return domain::fail(error_kind::conflict, "round_not_open",
                            "Esta votación no está abierta.");
    std::vector<std::vector<std::uint32_t>> ballots;
    for (const auto& b : store::counted_ballots(w.db(), ev.round_id))
        if (auto checked = domain::check_ballot(round->spec, b.choices))
            ballots.push_back(std::move(*checked));
    auto tally = domain::tally_round(round->spec, ballots, ev.present, ev.quorum);
    if (!tally)
        return std::unexpected(tally.error());
    domain::recorded_result recorded{*tally, static_cast<std::int64_t>(ballots.size()), ev.present,
                                     ev.quorum};
    if (auto ok = store::close_round(w, ev.round_id, clues, recorded); !ok)
        return ok;
    // A COSABI role's final result, or a passed ratification, becomes the committee.
    write_committee_outcome(w, clues, *round, *tally);
    return {};
}

} // namespace

domain::result<store::round_row> find_round(SQLite::Database& db, const hot_state& state,
                                            std::int64_t round_id) {
    auto row = store::find_round(db, round_id);
    if (!row || row->assembly_id != state.info().assembly_id)
        return domain::fail(error_kind::not_found, "round_not_found", "No existe esa votación.");
    return *row;
}

domain::result<store::round_row> find_clinic_round(SQLite::Database& db, const std::string& clues,
                                                   std::int64_t round_id) {
    auto row = store::find_round(db, round_id);
    auto edition = row ? store::assembly_edition(db, row->assembly_id) : std::nullopt;
    auto assembly = edition ? store::find_assembly(db, clues, *edition) : std::nullopt;
    if (!assembly || assembly->id != row->assembly_id)
        return domain::fail(error_kind::not_found, "round_not_found", "No existe esa votación.");
    return *row;
}

domain::status no_pending_role_round(SQLite::Database& db, std::int64_t assembly_id,
                                     const std::string& role) {
    if (auto row = store::pending_role_round(db, assembly_id, role))
        return std::unexpected(domain::role_round_pending(role, row->spec.title));
    return {};
}

command<round_event> create_round(round_request request) {
    return creating([request = std::move(request)](scope& s) { return build_spec(s, request); });
}

command<round_event> create_runoff(std::int64_t tied_round_id) {
    return creating([tied_round_id](scope& s) -> domain::result<domain::round_spec> {
        auto row = find_round(s.db(), s.state, tied_round_id);
        if (!row)
            return std::unexpected(row.error());
        if (row->status != domain::round_status::cerrada || !row->result)
            return domain::fail(error_kind::conflict, "round_not_closed",
                                "Cierre la votación antes de preparar la segunda vuelta.");
        if (!row->result->tally.runoff)
            return domain::fail(error_kind::conflict, "no_tie",
                                "Esta elección no terminó en empate: no hace falta segunda "
                                "vuelta.");
        auto spec = domain::make_runoff(row->spec, tied_round_id, row->result->tally.tied);
        if (!spec)
            return std::unexpected(spec.error());
        if (auto ok = committee_round_free(s.db(), s.state.info().assembly_id, *spec); !ok)
            return std::unexpected(ok.error());
        return spec;
    });
}

command<round_event> open_round(std::int64_t round_id, int duration_seconds,
                                bool confirm_without_quorum) {
    return {
        .prepare = [=](scope& s) -> domain::result<round_event> {
            const auto& info = s.state.info();
            if (info.state != domain::assembly_state::en_sesion)
                return domain::fail(error_kind::conflict, "not_in_session",
                                    "Solo se puede votar con la asamblea en sesión.");
            auto row = find_round(s.db(), s.state, round_id);
            if (!row)
                return std::unexpected(row.error());
            if (s.state.round_open())
                return domain::fail(error_kind::conflict, "another_round_open",
                                    "Ya hay otra votación abierta. Ciérrela primero.");
            // Without quorum the result will not be valid: the moderator must confirm.
            if (auto ok = domain::check_open_quorum(info.attendance, info.quorum_min,
                                                    confirm_without_quorum);
                !ok)
                return std::unexpected(ok.error());
            round_event ev;
            ev.round_id = round_id;
            if (duration_seconds > 0) {
                ev.closes_at_tp =
                    std::chrono::system_clock::now() + std::chrono::seconds(duration_seconds);
                ev.closes_at = store::format_utc(ev.closes_at_tp);
            }
            return ev;
        },
        .persist =
            [](store::write_context& w, const std::string& clues, round_event& ev) {
                return store::open_round(w, ev.round_id, clues, ev.closes_at);
            },
        .apply =
            [](hot_state&, const round_event& ev) {
                after_commit next;
                if (!ev.closes_at.empty()) {
                    next.countdown = after_commit::countdown_change::arm;
                    next.round_id = ev.round_id;
                    next.closes_at = ev.closes_at_tp;
                }
                return next;
            },
    };
}

command<round_event> close_round(std::int64_t round_id) {
    return {
        .prepare = [round_id](scope& s) -> domain::result<round_event> {
            const auto& round = s.state.round();
            if (!round || round->id != round_id || !s.state.round_open())
                return domain::fail(error_kind::conflict, "round_not_open",
                                    "Esta votación no está abierta.");
            // From here on new ballots are refused; ballots already queued commit first.
            s.state.set_closing(true);
            round_event ev;
            ev.round_id = round_id;
            ev.assembly_id = round->assembly_id;
            ev.present = s.state.info().attendance;
            ev.quorum = s.state.info().quorum_min;
            return ev;
        },
        .persist = [](store::write_context& w, const std::string& clues,
                      round_event& ev) { return record_close(w, clues, ev); },
        .apply =
            [](hot_state&, const round_event&) {
                return after_commit{.countdown = after_commit::countdown_change::stop};
            },
        .abandon = [](hot_state& state) { state.set_closing(false); },
    };
}

command<round_event> reveal_round(std::int64_t round_id) {
    return on_round(round_id, nullptr,
                    [](store::write_context& w, const std::string& clues, const round_event& ev) {
                        return store::reveal_round(w, ev.round_id, clues);
                    });
}

command<round_event> set_live_results(std::int64_t round_id, bool enabled) {
    return on_round(
        round_id, nullptr,
        [enabled](store::write_context& w, const std::string& clues, const round_event& ev) {
            return store::set_live_results(w, ev.round_id, clues, enabled);
        });
}

command<round_event> cancel_round(std::int64_t round_id) {
    return on_round(
        round_id,
        [](const store::round_row& row) { return domain::check_cancel_round(row.status); },
        [](store::write_context& w, const std::string& clues, const round_event& ev) {
            return store::cancel_round(w, ev.round_id, clues);
        });
}

} // namespace asamblea::app
