#include "app/transparency/national_followup.hpp"

#include "app/followup/board.hpp"
#include "domain/assembly/assembly_state.hpp"
#include "domain/followup/stalled.hpp"
#include "store/national_followup_repo.hpp"
#include "store/national_repo.hpp"

#include <algorithm>
#include <map>

namespace asamblea::app {
namespace {

using domain::work_state;

void add_ledger(domain::ledger_line& to, const domain::ledger_line& from) {
    to.asignado += from.asignado;
    to.comprometido += from.comprometido;
    to.ejercido += from.ejercido;
    to.comprobado += from.comprobado;
    to.saldo += from.saldo;
}

// One clinic's figures from its board (the cuadernillo of the edition).
national_clinic clinic_figures(const store::closed_clinic_row& c, const followup_board& board,
                               const std::map<std::int64_t, std::string>& last_moves,
                               const national_followup_query& q) {
    national_clinic out{c.clues, c.nombre, c.entidad, c.institucion, {}, {}};
    auto& m = out.money;
    m.clinics = 1;
    m.budget = board.budget;
    m.ledger = board.clinic;
    m.score = board.score;
    for (const auto& w : board.works) {
        ++m.works;
        auto s = w.item.state;
        if (s == work_state::entregado || s == work_state::verificado)
            ++m.delivered;
        if (s == work_state::verificado)
            ++m.verified;
        if (s == work_state::cancelado)
            ++m.cancelled;
        auto moved = last_moves.find(w.item.id);
        if (moved == last_moves.end())
            continue;
        auto idle = domain::idle_days(moved->second, q.today);
        if (idle && domain::is_stalled(s, *idle, q.stalled_days)) {
            ++m.stalled;
            out.stalled.push_back({w.item.id, w.item.title, s, *idle, moved->second});
        }
    }
    std::stable_sort(out.stalled.begin(), out.stalled.end(),
                     [](const auto& a, const auto& b) { return a.idle_days > b.idle_days; });
    return out;
}

std::vector<national_group> groups_of(const std::map<std::string, national_money>& sums) {
    std::vector<national_group> out;
    for (const auto& [name, money] : sums)
        out.push_back({name, money});
    return out;
}

bool wanted(const national_followup_query& q, const std::string& institucion,
            const std::string& entidad) {
    return (q.institucion.empty() || q.institucion == institucion) &&
           (q.entidad.empty() || q.entidad == entidad);
}

} // namespace

void national_money::add(const national_money& other) {
    clinics += other.clinics;
    budget += other.budget;
    add_ledger(ledger, other.ledger);
    score.spent += other.score.spent;
    score.proven += other.score.proven;
    score.delivered += other.score.delivered;
    score.delivered_with_photos += other.score.delivered_with_photos;
    works += other.works;
    delivered += other.delivered;
    verified += other.verified;
    cancelled += other.cancelled;
    stalled += other.stalled;
}

void summarize_followup(national_followup& out) {
    out.total = {};
    out.by_institution.clear();
    out.by_state.clear();
    out.by_unproven.clear();
    out.by_stalled.clear();
    std::map<std::string, national_money> by_institution, by_state;
    for (const auto& c : out.clinics) {
        out.total.add(c.money);
        by_institution[c.institucion].add(c.money);
        by_state[c.entidad].add(c.money);
    }
    out.by_institution = groups_of(by_institution);
    out.by_state = groups_of(by_state);
    for (const auto& c : out.clinics) {
        if (c.money.unproven() > 0)
            out.by_unproven.push_back(c);
        if (c.money.stalled > 0)
            out.by_stalled.push_back(c);
    }
    // Stable sorts over clinics already by CLUES: ties stay in CLUES order.
    std::stable_sort(
        out.by_unproven.begin(), out.by_unproven.end(),
        [](const auto& a, const auto& b) { return a.money.unproven() > b.money.unproven(); });
    std::stable_sort(out.by_stalled.begin(), out.by_stalled.end(),
                     [](const auto& a, const auto& b) {
                         if (a.money.stalled != b.money.stalled)
                             return a.money.stalled > b.money.stalled;
                         return a.stalled.front().idle_days > b.stalled.front().idle_days;
                     });
}

national_followup read_national_followup(SQLite::Database& db, const national_followup_query& q) {
    national_followup out;
    out.editions = store::closed_editions(db);
    out.stalled_days = q.stalled_days;
    out.edition = q.edition ? *q.edition : out.editions.empty() ? 0 : out.editions.front();
    if (out.edition == 0)
        return out;
    auto last_moves = store::last_work_moves(db, out.edition);
    for (const auto& c : store::closed_clinics(db, out.edition)) {
        if (!wanted(q, c.institucion, c.entidad))
            continue;
        auto board = read_board(db, c.clues, out.edition, q.today);
        if (!board)
            continue; // the clinic was listed a moment ago in the same snapshot: cannot happen
        out.clinics.push_back(clinic_figures(c, *board, last_moves, q));
    }
    summarize_followup(out);
    return out;
}

national_live read_national_live(SQLite::Database& db, const std::string& institucion,
                                 const std::string& entidad) {
    national_live out;
    store::national_filter f;
    f.entidad = entidad;
    for (;;) {
        auto page = store::read_national_dashboard(db, f);
        for (auto& r : page.rows) {
            if (!institucion.empty() && r.institucion != institucion)
                continue;
            national_live_clinic c;
            c.clues = r.clues;
            c.nombre = r.nombre;
            c.entidad = r.entidad;
            c.institucion = r.institucion;
            c.state = r.state;
            c.attendance = r.attendance;
            c.quorum_min = r.quorum_min;
            c.quorum_met = (r.state == "registro" || r.state == "en_sesion") &&
                           domain::quorum_met(r.attendance, r.quorum_min);
            c.voting = r.round_id && r.round_status == "abierta";
            c.round_title = r.round_title;
            c.ballots = r.ballots;
            c.updated_at = r.updated_at;
            out.clinics.push_back(std::move(c));
        }
        if (page.next_after.empty())
            break;
        f.after = page.next_after;
    }
    summarize_live(out);
    return out;
}

void summarize_live(national_live& out) {
    out.total = {};
    out.by_institution.clear();
    out.by_state.clear();
    std::map<std::string, national_live_counts> by_institution, by_state;
    for (const auto& c : out.clinics)
        for (auto* counts : {&out.total, &by_institution[c.institucion], &by_state[c.entidad]}) {
            ++counts->assemblies;
            counts->in_session += c.state == "en_sesion";
            counts->registering += c.state == "registro";
            counts->closed += c.state == "cerrada";
            counts->with_quorum += c.quorum_met;
            counts->voting += c.voting;
            counts->attendance += c.attendance;
            counts->ballots += c.ballots;
        }
    for (const auto& [name, counts] : by_institution)
        out.by_institution.push_back({name, counts});
    for (const auto& [name, counts] : by_state)
        out.by_state.push_back({name, counts});
}

} // namespace asamblea::app
