#include "domain/assembly/assembly_state.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace asamblea::domain {
namespace {

constexpr std::array<std::string_view, 5> state_names = {"convocada", "registro", "en_sesion",
                                                         "suspendida", "cerrada"};
constexpr std::array<std::string_view, 5> state_labels = {"convocada", "en registro", "en sesión",
                                                          "suspendida", "cerrada"};

bool is_one_of(assembly_state s, std::initializer_list<assembly_state> set) {
    return std::find(set.begin(), set.end(), s) != set.end();
}

status wrong_state(assembly_state s, std::string what) {
    return fail(error_kind::conflict, "wrong_state",
                what + " La asamblea está " + std::string(label(s)) + ".");
}

} // namespace

std::string_view to_string(assembly_state s) {
    return state_names[static_cast<std::size_t>(s)];
}

std::string_view label(assembly_state s) {
    return state_labels[static_cast<std::size_t>(s)];
}

std::optional<assembly_state> parse_assembly_state(std::string_view text) {
    for (std::size_t i = 0; i < state_names.size(); ++i)
        if (state_names[i] == text)
            return static_cast<assembly_state>(i);
    return std::nullopt;
}

std::vector<assembly_state> allowed_transitions(const assembly_phase& from) {
    using s = assembly_state;
    switch (from.state) {
    case s::convocada:
        return {s::registro};
    case s::registro:
        return {s::en_sesion, s::suspendida};
    case s::en_sesion:
        return {s::cerrada, s::suspendida};
    case s::suspendida:
        // A suspension without a remembered origin can only have come from registro.
        return {from.resumes_to.value_or(s::registro)};
    case s::cerrada:
        return {};
    }
    return {};
}

result<assembly_phase> transition(const assembly_phase& from, assembly_state to) {
    auto allowed = allowed_transitions(from);
    if (std::find(allowed.begin(), allowed.end(), to) == allowed.end()) {
        std::string message = from.state == assembly_state::cerrada
                                  ? "La asamblea ya está cerrada; no puede cambiar de estado."
                                  : "No se puede pasar de «" + std::string(label(from.state)) +
                                        "» a «" + std::string(label(to)) + "».";
        return fail(error_kind::conflict, "bad_transition", std::move(message), "to");
    }
    assembly_phase next{to, std::nullopt};
    if (to == assembly_state::suspendida)
        next.resumes_to = from.state;
    return next;
}

status require_check_in_open(assembly_state s) {
    using enum assembly_state;
    if (is_one_of(s, {registro, en_sesion}))
        return {};
    return wrong_state(s, "El registro de asistentes no está abierto.");
}

status require_proposals_open(assembly_state s) {
    using enum assembly_state;
    if (is_one_of(s, {convocada, registro, en_sesion}))
        return {};
    return wrong_state(s, "Las propuestas no se pueden cambiar ahora.");
}

status require_floor_open(assembly_state s) {
    using enum assembly_state;
    if (is_one_of(s, {registro, en_sesion}))
        return {};
    return wrong_state(s, "Los turnos de palabra no están abiertos.");
}

error no_assembly() {
    return {error_kind::not_found, "no_assembly",
            "Esta unidad todavía no tiene una asamblea convocada.", "", 0};
}

} // namespace asamblea::domain
