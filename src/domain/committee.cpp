#include "domain/committee.hpp"

#include <algorithm>

namespace asamblea::domain {
namespace {

constexpr std::array<std::string_view, 5> role_names = {"presidencia", "secretaria_tecnica",
                                                        "tesoreria", "aval_ciudadano", "vocalia"};
constexpr std::array<std::string_view, 5> role_labels = {"Presidencia", "Secretaría técnica",
                                                         "Tesorería", "Aval ciudadano", "Vocalía"};
constexpr int max_vocalias = 5;

// "Elección de Presidencia del COSABI" reads better with the role in lower case.
std::string lower_label(committee_role r) {
    std::string label(role_label(r));
    if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z')
        label[0] = static_cast<char>(label[0] - 'A' + 'a');
    return label;
}

std::string ordinal_round(int depth) {
    constexpr std::array<std::string_view, 5> names = {"segunda", "tercera", "cuarta", "quinta",
                                                       "sexta"};
    if (depth >= 1 && depth <= static_cast<int>(names.size()))
        return std::string(names[static_cast<std::size_t>(depth - 1)]) + " vuelta";
    return "vuelta " + std::to_string(depth + 1);
}

} // namespace

std::string_view to_string(committee_role r) {
    return role_names[static_cast<std::size_t>(r)];
}

std::optional<committee_role> parse_committee_role(std::string_view text) {
    for (std::size_t i = 0; i < role_names.size(); ++i)
        if (role_names[i] == text)
            return static_cast<committee_role>(i);
    return std::nullopt;
}

std::string_view role_label(committee_role r) {
    return role_labels[static_cast<std::size_t>(r)];
}

std::string role_label(std::string_view role) {
    auto r = parse_committee_role(role);
    return std::string(r ? role_label(*r) : role);
}

int max_seats(committee_role r) {
    return r == committee_role::vocalia ? max_vocalias : 1;
}

status require_nominations_open(assembly_state state) {
    if (state == assembly_state::registro || state == assembly_state::en_sesion)
        return {};
    return fail(error_kind::conflict, "wrong_state",
                "Las postulaciones se reciben con la asamblea en registro o en sesión.");
}

result<round_spec> make_role_election(const role_election_request& request,
                                      const std::vector<nominee>& nominees) {
    if (nominees.empty())
        return fail(error_kind::conflict, "no_nominations",
                    "Nadie se ha postulado a este cargo. Registre al menos una postulación.",
                    "role");
    round_spec spec;
    spec.kind = round_kind::election;
    spec.role = std::string(to_string(request.role));
    spec.title = !request.title.empty() ? request.title
                 : request.role == committee_role::vocalia
                     ? std::string("Elección de vocalías del COSABI")
                     : "Elección de " + lower_label(request.role) + " del COSABI";
    const int n = static_cast<int>(nominees.size());
    if (request.role == committee_role::vocalia) {
        spec.seats = request.seats > 0 ? request.seats : std::min(max_vocalias, n);
        if (spec.seats > max_vocalias)
            return fail(error_kind::invalid, "bad_seats", "Se eligen como máximo 5 vocalías.",
                        "seats");
        if (spec.seats > n)
            return fail(error_kind::invalid, "bad_seats",
                        "Hay " + std::to_string(n) + (n == 1 ? " postulación" : " postulaciones") +
                            " y se quieren " + std::to_string(spec.seats) +
                            " lugares: postule a más personas o elija menos lugares.",
                        "seats");
        spec.rule = request.rule.empty() ? "av" : request.rule;
        spec.parity = request.parity;
        spec.max_choices = spec.seats;
    } else {
        if (request.seats > 1)
            return fail(error_kind::invalid, "bad_seats", "Este cargo tiene un solo lugar.",
                        "seats");
        spec.seats = 1;
        spec.rule = "av";
        spec.parity = false;
    }
    for (const auto& p : nominees)
        spec.options.push_back({std::to_string(p.attendee_id), p.nombre, 0, "", "", p.sexo});
    if (spec.parity)
        for (const auto& o : spec.options)
            if (o.sex.empty())
                return fail(error_kind::invalid, "candidate_sex_missing",
                            "Para aplicar la paridad, cada candidatura debe indicar su sexo.",
                            "parity");
    return make_round_spec(std::move(spec));
}

result<round_spec> make_runoff(const round_spec& tied_round, std::int64_t tied_round_id,
                               const std::vector<std::string>& tied) {
    if (tied_round.kind != round_kind::election || tied_round.seats != 1)
        return fail(error_kind::conflict, "no_tie",
                    "Solo una elección de un lugar puede ir a segunda vuelta.");
    if (tied.size() < 2)
        return fail(error_kind::conflict, "no_tie",
                    "Esta elección no terminó en empate: no hace falta segunda vuelta.");
    round_spec spec;
    spec.kind = round_kind::election;
    spec.seats = 1;
    spec.rule = tied_round.rule;
    spec.role = tied_round.role;
    spec.runoff_of = tied_round_id;
    spec.runoff_depth = tied_round.runoff_depth + 1;
    std::string base = tied_round.title;
    if (tied_round.runoff_depth > 0)
        if (auto cut = base.rfind(" ("); cut != std::string::npos)
            base.erase(cut);
    spec.title = base + " (" + ordinal_round(spec.runoff_depth) + ")";
    for (const auto& id : tied) {
        auto it = std::find_if(tied_round.options.begin(), tied_round.options.end(),
                               [&](const round_option& o) { return o.id == id; });
        if (it == tied_round.options.end())
            return fail(error_kind::invalid, "bad_options",
                        "El empate menciona una candidatura que no está en la votación.");
        spec.options.push_back(*it);
    }
    return make_round_spec(std::move(spec));
}

round_spec make_ratification(std::string title, int previous_term) {
    round_spec spec;
    spec.kind = round_kind::motion;
    spec.ratify_committee = true;
    spec.title = title.empty() ? "¿Ratificar al COSABI electo en " + std::to_string(previous_term) +
                                     " por un año más?"
                               : std::move(title);
    return spec;
}

std::vector<elected_seat> elected_seats(const round_spec& spec, const round_result& result) {
    std::vector<elected_seat> out;
    if (spec.kind != round_kind::election || spec.role.empty() || result.runoff ||
        !result.quorum_met)
        return out;
    for (const auto& line : result.lines)
        if (line.selected)
            out.push_back({line.id, line.seat > 0 ? line.seat : 1});
    std::sort(out.begin(), out.end(),
              [](const elected_seat& a, const elected_seat& b) { return a.seat < b.seat; });
    return out;
}

bool ratification_passed(const round_spec& spec, const round_result& result) {
    return spec.kind == round_kind::motion && spec.ratify_committee && !result.lines.empty() &&
           result.lines.front().id == "si" && result.lines.front().selected;
}

status check_may_stand(bool present, const std::optional<std::string>& held_role,
                       std::string_view role) {
    if (!present)
        return fail(error_kind::conflict, "not_present",
                    "Esa persona no tiene una credencial activa: no puede postularse.",
                    "attendee_id");
    if (held_role && *held_role != role)
        return fail(error_kind::conflict, "already_elected",
                    "Esa persona ya fue electa en el COSABI (" + role_label(*held_role) + ").",
                    "attendee_id");
    return {};
}

bool may_stand_for(bool present, const std::optional<std::string>& held_role,
                   std::string_view role) {
    return check_may_stand(present, held_role, role).has_value();
}

error role_round_pending(std::string_view role, std::string_view round_title) {
    return {error_kind::conflict, "role_round_pending",
            "Ya hay una votación de " + role_label(role) + " preparada o abierta («" +
                std::string(round_title) +
                "»): sus candidaturas no cambian hasta que se cierre o se cancele.",
            "role", 0};
}

} // namespace asamblea::domain
