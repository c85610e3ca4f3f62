#include "domain/round.hpp"

#include "domain/assembly/text_field.hpp"
#include "domain/committee.hpp"
#include "domain/tally/budget_election.hpp"
#include "domain/tally/budget_tally.hpp"
#include "domain/tally/committee_tally.hpp"
#include "domain/tally/motion_tally.hpp"
#include "domain/tally/plurality_tally.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace asamblea::domain {
namespace {

constexpr std::array<std::string_view, 3> kind_names = {"budget", "motion", "election"};
constexpr std::array<std::string_view, 4> round_status_names = {"preparada", "abierta", "cerrada",
                                                                "cancelada"};
constexpr std::size_t max_options = 200;
constexpr std::size_t max_text_chars = 200; // a round's title and each option's name

error invalid(std::string code, std::string message, std::string field = {}) {
    return error{error_kind::invalid, std::move(code), std::move(message), std::move(field), 0};
}

std::vector<round_option> motion_options() {
    return {{"si", "Sí", 0, "", "", ""},
            {"no", "No", 0, "", "", ""},
            {"abstencion", "Me abstengo", 0, "", "", ""}};
}

std::string votes_word(std::int64_t n) {
    return std::to_string(n) + (n == 1 ? " voto" : " votos");
}

// A budget or election round counted without quorum: the numbers stay, nothing is chosen. Said
// as a motion without quorum says it.
void mark_without_quorum(round_result& out, std::int64_t present, std::int64_t quorum) {
    out.summary = "Sin quórum: había " + std::to_string(present) +
                  (present == 1 ? " asistente presente" : " asistentes presentes") +
                  " y se requieren " + std::to_string(quorum) + "; el resultado no es válido.";
    for (auto& line : out.lines)
        line.explanation = votes_word(line.votes);
}

} // namespace

std::string_view to_string(round_kind k) {
    return kind_names[static_cast<std::size_t>(k)];
}
std::string_view to_string(round_status s) {
    return round_status_names[static_cast<std::size_t>(s)];
}

std::optional<round_kind> parse_round_kind(std::string_view text) {
    for (std::size_t i = 0; i < kind_names.size(); ++i)
        if (kind_names[i] == text)
            return static_cast<round_kind>(i);
    return std::nullopt;
}

std::optional<round_status> parse_round_status(std::string_view text) {
    for (std::size_t i = 0; i < round_status_names.size(); ++i)
        if (round_status_names[i] == text)
            return static_cast<round_status>(i);
    return std::nullopt;
}

status check_cancel_round(round_status from) {
    // Once a round opens, people may have voted: it can only be closed, so its ballots are kept
    // and counted. Cancelling is for a round set up by mistake.
    switch (from) {
    case round_status::preparada:
        return {};
    case round_status::abierta:
        return fail(error_kind::conflict, "round_open",
                    "Esta votación ya está abierta y no se puede cancelar. Ciérrela si ya no debe "
                    "seguir.");
    case round_status::cerrada:
        return fail(error_kind::conflict, "round_closed",
                    "Esta votación ya se cerró y no se puede cancelar.");
    case round_status::cancelada:
        return fail(error_kind::conflict, "round_cancelled", "Esta votación ya estaba cancelada.");
    }
    return fail(error_kind::conflict, "round_not_prepared",
                "Solo se puede cancelar una votación preparada.");
}

error ballot_after_close() {
    return {error_kind::conflict, "round_closed", "La votación ya cerró; su voto no se registró.",
            "", 0};
}

status check_open_quorum(std::int64_t present, std::int64_t quorum, bool confirmed) {
    if (present >= quorum || confirmed)
        return {};
    return std::unexpected(
        error{error_kind::conflict, "sin_quorum",
              "Aún no hay quórum: hay " + std::to_string(present) +
                  (present == 1 ? " asistente presente" : " asistentes presentes") +
                  " y se requieren " + std::to_string(quorum) +
                  ". Si abre la votación así, su resultado no será válido. Para abrirla de todos "
                  "modos, confírmelo.",
              "confirm_without_quorum", 0});
}

result<round_spec> make_round_spec(round_spec spec) {
    // Titles and names are shown on screens and printed by `asamblea verify` on an operator's
    // terminal: cleaned like a proposal's title (valid UTF-8, no control characters, spaces
    // collapsed).
    auto title = clean_text(spec.title, {"title", "el título", 1, max_text_chars, false});
    if (!title)
        return std::unexpected(title.error());
    spec.title = std::move(*title);
    if (spec.kind == round_kind::motion) {
        spec.options = motion_options();
        spec.max_choices = 1;
        spec.seats = 1;
    }
    if (spec.options.empty())
        return std::unexpected(
            invalid("no_options", "La votación necesita al menos una opción.", "options"));
    if (spec.options.size() > max_options)
        return std::unexpected(
            invalid("too_many_options", "La votación tiene demasiadas opciones.", "options"));
    std::set<std::string> ids;
    for (auto& o : spec.options) {
        if (o.id.empty() || o.label.empty() || !ids.insert(o.id).second)
            return std::unexpected(
                invalid("bad_options", "Cada opción necesita un identificador único y un nombre.",
                        "options"));
        auto label =
            clean_text(o.label, {"options", "el nombre de cada opción", 1, max_text_chars, false});
        if (!label)
            return std::unexpected(label.error());
        o.label = std::move(*label);
        if (spec.kind == round_kind::budget && o.cost <= 0)
            return std::unexpected(
                invalid("bad_cost", "Cada propuesta necesita un costo positivo.", "options"));
    }
    int n = static_cast<int>(spec.options.size());
    if (spec.max_choices < 0 || spec.max_choices > n)
        return std::unexpected(invalid("bad_max_choices",
                                       "El máximo de opciones por boleta debe estar entre 1 y " +
                                           std::to_string(n) + ".",
                                       "max_choices"));
    if (spec.cost_cap < 0)
        return std::unexpected(invalid("bad_cost_cap", "El tope de costo no puede ser negativo.",
                                       "cost_cap_centavos"));
    if (spec.kind == round_kind::budget) {
        if (!parse_budget_rule(spec.rule))
            return std::unexpected(invalid("bad_rule",
                                           "La regla debe ser greedy, mes, mes-add1 o "
                                           "mes-add1-greedy.",
                                           "rule"));
        if (spec.budget <= 0)
            return std::unexpected(
                invalid("bad_budget", "La unidad no tiene presupuesto asignado.", "budget"));
    }
    if (spec.ratify_committee && spec.kind != round_kind::motion)
        return std::unexpected(invalid(
            "bad_ratification", "Solo una moción puede ratificar al COSABI.", "ratify_committee"));
    if ((!spec.role.empty() || spec.runoff_of != 0) && spec.kind != round_kind::election)
        return std::unexpected(
            invalid("bad_role", "Solo una elección puede elegir un cargo del COSABI.", "role"));
    if (spec.kind == round_kind::election) {
        if (!spec.role.empty()) {
            auto role = parse_committee_role(spec.role);
            if (!role)
                return std::unexpected(
                    invalid("bad_role",
                            "El cargo debe ser presidencia, secretaria_tecnica, tesoreria, "
                            "aval_ciudadano o vocalia.",
                            "role"));
            if (spec.seats > max_seats(*role))
                return std::unexpected(invalid("bad_seats",
                                               *role == committee_role::vocalia
                                                   ? "Se eligen como máximo 5 vocalías."
                                                   : "Este cargo tiene un solo lugar.",
                                               "seats"));
        }
        if (spec.seats < 1 || spec.seats > n)
            return std::unexpected(invalid("bad_seats",
                                           "Los cargos por elegir deben estar entre 1 y el número "
                                           "de candidaturas.",
                                           "seats"));
        if (spec.seats == 1) {
            spec.max_choices = 1;
        } else {
            if (spec.rule == "greedy" || spec.rule.empty())
                spec.rule = "av";
            if (!parse_committee_rule(spec.rule))
                return std::unexpected(
                    invalid("bad_rule", "La regla debe ser av o seqphragmen.", "rule"));
        }
    }
    return spec;
}

result<std::vector<std::uint32_t>> check_ballot(const round_spec& spec,
                                                const std::vector<std::string>& choices) {
    std::vector<std::uint32_t> picked;
    for (const auto& c : choices) {
        auto it = std::find_if(spec.options.begin(), spec.options.end(),
                               [&](const round_option& o) { return o.id == c; });
        if (it == spec.options.end())
            return std::unexpected(invalid("bad_choice",
                                           "Una de sus opciones no está en esta votación. Recargue "
                                           "la página e intente de nuevo.",
                                           "choices"));
        picked.push_back(static_cast<std::uint32_t>(it - spec.options.begin()));
    }
    std::sort(picked.begin(), picked.end());
    if (std::adjacent_find(picked.begin(), picked.end()) != picked.end())
        return std::unexpected(
            invalid("duplicate_choice", "Eligió la misma opción dos veces.", "choices"));
    if (picked.empty())
        return std::unexpected(invalid("empty_ballot", "Elija al menos una opción.", "choices"));
    std::size_t limit =
        spec.max_choices > 0 ? static_cast<std::size_t>(spec.max_choices) : spec.options.size();
    if (picked.size() > limit)
        return std::unexpected(invalid("too_many_choices",
                                       "Puede elegir como máximo " + std::to_string(limit) +
                                           (limit == 1 ? " opción." : " opciones."),
                                       "choices"));
    if (spec.kind == round_kind::budget && spec.cost_cap > 0) {
        centavos total = 0;
        for (auto i : picked)
            total += spec.options[i].cost;
        if (total > spec.cost_cap)
            return std::unexpected(invalid("over_cost_cap",
                                           "Lo que eligió suma " + format_pesos(total) +
                                               " y el tope es " + format_pesos(spec.cost_cap) + ".",
                                           "choices"));
    }
    return picked;
}

result<round_result> tally_round(const round_spec& spec,
                                 const std::vector<std::vector<std::uint32_t>>& ballots,
                                 std::int64_t present, std::int64_t quorum) {
    std::vector<std::int64_t> votes(spec.options.size(), 0);
    for (const auto& b : ballots)
        for (auto i : b)
            if (i < votes.size())
                ++votes[i];
    return tally_round(spec, ballots, votes, present, quorum);
}

result<round_result> tally_round(const round_spec& spec,
                                 const std::vector<std::vector<std::uint32_t>>& ballots,
                                 std::span<const std::int64_t> votes, std::int64_t present,
                                 std::int64_t quorum) {
    if (votes.size() != spec.options.size())
        return std::unexpected(
            invalid("bad_votes", "Los conteos no corresponden a las opciones.", "ballots"));
    round_result out;
    out.quorum_met = present >= quorum;
    out.lines.reserve(spec.options.size());
    for (std::size_t i = 0; i < spec.options.size(); ++i)
        out.lines.push_back({spec.options[i].id, spec.options[i].label, votes[i], false, ""});

    switch (spec.kind) {
    case round_kind::budget: {
        std::vector<budget_project> projects;
        projects.reserve(spec.options.size());
        for (const auto& o : spec.options)
            projects.push_back({o.id, o.cost});
        auto rule = *parse_budget_rule(spec.rule);
        auto tally = [&]() -> result<budget_tally> {
            // A room tallies an open round with live results at every push: the greedy rule
            // needs only each proposal's votes, neither a copy nor a walk of the ballots.
            if (rule == budget_rule::greedy)
                return tally_budget_greedy_approvals(spec.budget, std::move(projects), votes);
            std::vector<approval_ballot> approvals(ballots.begin(), ballots.end());
            auto election =
                make_budget_election(spec.budget, std::move(projects), std::move(approvals));
            if (!election)
                return std::unexpected(election.error());
            budget_options options;
            options.voter_budget_increment = 100; // one peso per add-one step
            return tally_budget(*election, rule, options);
        }();
        if (!tally)
            return std::unexpected(tally.error());
        // People know a proposal by its title, not by its number in the database.
        auto title_of = [&](std::string_view id) -> std::string {
            for (const auto& o : spec.options)
                if (o.id == id)
                    return o.label;
            return std::string(id);
        };
        for (std::size_t i = 0; i < out.lines.size(); ++i) {
            const auto& p = tally->projects[i];
            out.lines[i].selected = p.status == project_status::selected;
            out.lines[i].explanation = explain(p, 1, title_of);
        }
        out.spent = tally->spent;
        out.summary = "Se eligieron " + std::to_string(tally->selected.size()) +
                      (tally->selected.size() == 1 ? " propuesta" : " propuestas") + " por " +
                      format_pesos(tally->spent) + " de " + format_pesos(spec.budget) + ".";
        break;
    }
    case round_kind::motion: {
        motion_votes mv{votes[0], votes[1], votes[2]};
        auto tally = tally_motion(mv, present, quorum);
        if (!tally)
            return std::unexpected(tally.error());
        out.lines[0].selected = tally->outcome == motion_outcome::approved;
        out.lines[1].selected = tally->outcome == motion_outcome::rejected;
        for (auto& line : out.lines)
            line.explanation = votes_word(line.votes);
        out.summary = explain(*tally);
        break;
    }
    case round_kind::election: {
        if (spec.seats == 1) {
            std::vector<std::string> ids;
            for (const auto& o : spec.options)
                ids.push_back(o.id);
            std::vector<std::uint32_t> choices;
            for (const auto& b : ballots)
                if (!b.empty())
                    choices.push_back(b.front());
            auto tally = tally_plurality(ids, choices);
            if (!tally)
                return std::unexpected(tally.error());
            for (auto& line : out.lines) {
                bool leads = std::find(tally->leaders.begin(), tally->leaders.end(), line.id) !=
                             tally->leaders.end();
                line.selected = leads && !tally->runoff;
                line.explanation =
                    votes_word(line.votes) +
                    (leads ? (tally->runoff ? ": empate, va a segunda vuelta" : ": gana el cargo")
                           : "");
            }
            out.runoff = tally->runoff;
            out.tied = tally->runoff ? tally->leaders : std::vector<std::string>{};
            // The domain's text names ids; the lines above carry the names people read.
            out.summary = tally->runoff ? "Hay empate: se necesita una segunda vuelta."
                                        : "Ganó «" + out.lines[0].label + "».";
            if (!tally->runoff)
                for (const auto& line : out.lines)
                    if (line.selected)
                        out.summary =
                            "Ganó «" + line.label + "» con " + votes_word(line.votes) + ".";
        } else {
            std::vector<committee_candidate> candidates;
            for (const auto& o : spec.options)
                candidates.push_back({o.id, o.sex});
            std::vector<approval_ballot> approvals(ballots.begin(), ballots.end());
            committee_options options{static_cast<std::size_t>(spec.seats), spec.parity};
            auto tally =
                tally_committee(candidates, approvals, *parse_committee_rule(spec.rule), options);
            if (!tally)
                return std::unexpected(tally.error());
            for (std::size_t i = 0; i < out.lines.size(); ++i) {
                out.lines[i].selected = tally->candidates[i].status == candidate_status::elected;
                out.lines[i].seat = static_cast<int>(tally->candidates[i].order);
                out.lines[i].explanation = explain(tally->candidates[i]);
            }
            out.summary = explain(*tally);
            if (spec.parity)
                out.summary += " Con paridad: ningún sexo ocupa más de " +
                               std::to_string((spec.seats + 1) / 2) + " de los " +
                               std::to_string(spec.seats) + " lugares.";
        }
        break;
    }
    }
    if (!out.quorum_met && spec.kind != round_kind::motion)
        mark_without_quorum(out, present, quorum);
    return out;
}

} // namespace asamblea::domain
