// The acta (issue 6): the record of the assembly as a PDF. Public once the assembly is cerrada;
// the moderator (or a coordinator) may download it any time, printed as a «BORRADOR».

#include "app/assembly_record.hpp"
#include "domain/assembly/assembly_state.hpp"
#include "domain/committee.hpp"
#include "domain/money.hpp"
#include "domain/round.hpp"
#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/api/followup_params.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/views/acta_pdf.hpp"
#include "store/acta_facts_repo.hpp"
#include "store/audit_chain.hpp"
#include "store/clock.hpp"
#include "store/incident_repo.hpp"
#include "store/proposal_repo.hpp"
#include "store/round_codec.hpp"
#include "store/round_repo.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <map>

namespace asamblea::server {
namespace {

using nlohmann::json;

std::string kind_label(domain::round_kind k) {
    switch (k) {
    case domain::round_kind::budget:
        return "presupuesto participativo";
    case domain::round_kind::motion:
        return "moción";
    case domain::round_kind::election:
        return "elección";
    }
    return "";
}

// The counting rule as the body of the acta names it: by what it does, in plain Spanish (the
// same words as web/js/words.js RULE). The technical name goes to the annex (rule_technical).
std::string rule_label(const domain::round_spec& spec) {
    if (spec.kind == domain::round_kind::motion)
        return "";
    static const std::map<std::string, std::string> labels = {
        {"greedy", "Los más votados hasta agotar el presupuesto"},
        {"mes", "Reparto proporcional: cada grupo decide su parte"},
        {"mes-add1", "Reparto proporcional, usando todo el presupuesto"},
        {"mes-add1-greedy", "Reparto proporcional y lo que sobre, a los más votados"},
        {"av", "Los más votados ocupan los lugares"},
        {"seqphragmen", "Reparto proporcional de los lugares"},
        {"plurality", "Gana quien tiene más votos"}};
    auto it = labels.find(spec.rule);
    return it == labels.end() ? spec.rule : it->second;
}

// The same rule by its technical name, for the acta's technical annex (docs/api.md).
std::string rule_technical(const domain::round_spec& spec) {
    if (spec.kind == domain::round_kind::motion)
        return "";
    static const std::map<std::string, std::string> names = {
        {"greedy", "greedy: aprobación, las propuestas con más votos primero, omitiendo las que "
                   "ya no caben en el presupuesto restante"},
        {"mes", "mes: Method of Equal Shares (método de partes iguales) con utilidad igual al "
                "costo, en aritmética racional exacta"},
        {"mes-add1", "mes-add1: Method of Equal Shares con complemento «add-one» (se aumenta el "
                     "presupuesto por persona mientras el resultado quepa)"},
        {"mes-add1-greedy", "mes-add1-greedy: Method of Equal Shares con complemento «add-one» y "
                            "después completado por greedy"},
        {"av", "av: Approval Voting (voto por aprobación, los más votados)"},
        {"seqphragmen", "seqphragmen: método secuencial de Phragmén"},
        {"plurality", "plurality: mayoría relativa"}};
    auto it = names.find(spec.rule);
    return it == names.end() ? spec.rule : it->second;
}

std::string state_label(domain::assembly_state state) {
    // The acta says "registro abierto" where screens say "registro".
    if (state == domain::assembly_state::registro)
        return "registro abierto";
    return std::string(domain::label(state));
}

acta_round to_acta(const store::round_row& r) {
    acta_round out;
    out.title = r.spec.title;
    out.kind = kind_label(r.spec.kind);
    out.rule = rule_label(r.spec);
    out.rule_technical = rule_technical(r.spec);
    out.revealed = !r.revealed_at.empty();
    if (!r.result)
        return out;
    const auto& res = *r.result;
    out.ballots = res.ballots;
    out.quorum_met = res.tally.quorum_met;
    out.present = res.present.value_or(-1);
    out.quorum = res.quorum.value_or(-1);
    out.summary = res.tally.summary;
    for (const auto& l : res.tally.lines)
        out.lines.push_back({l.label, l.votes, l.selected, l.explanation});
    return out;
}

std::string staff_label(const std::string& role) {
    if (role == "moderator")
        return "moderación";
    if (role == "coordinator")
        return "coordinación";
    return "COSABI";
}

// What a budget round said of one proposal: "Votada en la votación 1 «Presupuesto»:
// seleccionada, 3 votos." Empty when the proposal was not an option of the round.
std::string round_verdict(const store::round_row& r, int number, const std::string& option_id) {
    if (r.spec.kind != domain::round_kind::budget)
        return "";
    bool listed = std::any_of(r.spec.options.begin(), r.spec.options.end(),
                              [&](const auto& o) { return o.id == option_id; });
    if (!listed)
        return "";
    std::string out =
        "Votada en la votación " + std::to_string(number) + " «" + r.spec.title + "»: ";
    if (r.revealed_at.empty() || !r.result)
        return out + "resultado aún no dado a conocer.";
    const auto& res = *r.result;
    std::int64_t votes = 0;
    bool selected = false;
    for (const auto& line : res.tally.lines)
        if (line.id == option_id) {
            votes = line.votes;
            selected = line.selected;
        }
    std::string count = std::to_string(votes) + (votes == 1 ? " voto" : " votos");
    if (!res.tally.quorum_met)
        return out + count + ", sin quórum: resultado no válido.";
    return out + (selected ? "seleccionada, " : "no seleccionada, ") + count + ".";
}

// What became of each proposal: voted (in which round, with what result), rejected with the
// reason, merged into which, or never put to a vote.
std::vector<acta_proposal> proposal_fates(const std::vector<store::proposal_row>& all,
                                          const std::vector<store::round_row>& closed_rounds) {
    std::vector<acta_proposal> out;
    for (const auto& p : all) {
        acta_proposal a;
        a.title = p.p.title;
        a.category = std::string(domain::category_label(p.p.category));
        a.cost = domain::format_pesos(p.p.cost);
        int number = 0;
        for (const auto& r : closed_rounds) {
            auto verdict = round_verdict(r, ++number, std::to_string(p.p.id));
            if (!verdict.empty())
                a.fate += (a.fate.empty() ? "" : " ") + verdict;
        }
        if (a.fate.empty()) {
            using enum domain::proposal_status;
            switch (p.status) {
            case rechazada:
                a.fate = "Rechazada. Motivo: " + p.reject_reason;
                break;
            case fusionada: {
                auto into = std::find_if(all.begin(), all.end(), [&](const auto& o) {
                    return p.merged_into && o.p.id == *p.merged_into;
                });
                a.fate = into == all.end() ? std::string("Fusionada con otra propuesta.")
                                           : "Fusionada con la propuesta " +
                                                 std::to_string(into - all.begin() + 1) + " «" +
                                                 into->p.title + "».";
                break;
            }
            case aceptada:
                a.fate = "Aceptada; no se sometió a votación.";
                break;
            case pendiente:
                a.fate = "Sin revisar; no se sometió a votación.";
                break;
            }
        }
        out.push_back(std::move(a));
    }
    return out;
}

// The real times of the assembly from its state changes in the chain.
void fill_times(acta_data& d, const std::vector<store::state_change_row>& changes) {
    for (const auto& c : changes) {
        if (c.to == "registro" && d.registro_at.empty())
            d.registro_at = c.at;
        if (c.to == "en_sesion" && d.opened_at.empty())
            d.opened_at = c.at;
        if (c.to == "suspendida")
            d.pauses.push_back({c.at, ""});
        if (c.from == "suspendida" && !d.pauses.empty() && d.pauses.back().to.empty())
            d.pauses.back().to = c.at;
        if (c.to == "cerrada")
            d.closed_at = c.at;
    }
}

response acta(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto clinic = find_clinic(ctx, *clues);
    if (!clinic)
        return error_response(clinic.error());
    bool staff_view = false;
    if (!req.bearer().empty()) {
        auto who = moderator(ctx, req, *clues);
        if (!who)
            return error_response(who.error());
        staff_view = true;
    }
    auto edition = edition_param(req);
    if (!edition)
        return error_response(edition.error());
    auto db = ctx.store.readers().acquire();
    // The staff print the current assembly's (a draft until it closes); the public, the newest
    // closed one; either may ask for an edition.
    auto want = *edition;
    if (!want && staff_view)
        if (auto current = store::latest_assembly(*db, *clues))
            want = current->edition;
    auto record = app::read_assembly_record(*db, *clues, want);
    if (!record)
        return error_response(record.error());
    const auto* a = &record->assembly;
    bool closed = a->state == domain::assembly_state::cerrada;
    if (!closed && !staff_view)
        return error_response({domain::error_kind::conflict, "assembly_not_closed",
                               "El acta se publica cuando la asamblea se cierra.", "", 0});

    acta_data d;
    d.draft = !closed;
    d.clinic_name = clinic->nombre;
    d.clues = clinic->clues;
    d.municipio = clinic->municipio;
    d.entidad = clinic->entidad;
    d.edition = a->edition;
    d.scheduled_at = a->scheduled_at;
    d.state = state_label(a->state);
    d.attendance = record->attendance;
    auto by_sex = store::count_attendance_by_sex(*db, a->id);
    d.mujeres = by_sex.mujer;
    d.hombres = by_sex.hombre;
    d.otro_sexo = by_sex.otro;
    fill_times(d, store::list_state_changes(*db, *clues, a->id));
    for (const auto& s : store::list_acting_staff(*db, a->id))
        d.staff.push_back({s.username, staff_label(s.role)});
    d.quorum_min = a->quorum_min;
    d.quorum_met = record->quorum_met;
    for (const auto& r : record->rounds)
        d.rounds.push_back(to_acta(r));
    d.proposals = proposal_fates(store::list_proposal_rows(*db, a->id, false), record->rounds);
    for (const auto& m : record->committee)
        d.committee.push_back({m.role == "vocalia"
                                   ? domain::role_label(m.role) + " " + std::to_string(m.seat)
                                   : domain::role_label(m.role),
                               m.nombre});
    for (const auto& i : store::list_incidents(*db, a->id))
        d.incidents.push_back({i.at, i.text, i.username});
    if (auto origin = public_origin(ctx, req); !origin.empty())
        d.public_page = origin + "/c/" + d.clues;
    // A closed assembly's acta cites the event that closed it, so every copy is the same; a
    // draft cites the chain as it stands.
    auto closing = closed ? store::closing_event(*db, *clues, a->id) : std::nullopt;
    auto link = closing ? *closing : store::read_chain_head(*db, *clues);
    d.chain_seq = link.seq;
    d.chain_hash = link.hash;
    d.chain_is_close = closing.has_value();
    d.generated_at = store::utc_now();

    return pdf_response(build_acta_pdf(d),
                        "acta-" + d.clues + "-" + std::to_string(d.edition) + ".pdf");
}

} // namespace

void add_acta_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/acta.pdf", acta);
}

} // namespace asamblea::server
