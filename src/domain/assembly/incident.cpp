#include "domain/assembly/incident.hpp"

#include "domain/assembly/text_field.hpp"

namespace asamblea::domain {

result<std::string> check_incident_text(std::string_view text) {
    return clean_text(text, {.field = "text",
                             .subject = "la incidencia",
                             .min_chars = min_incident_chars,
                             .max_chars = max_incident_chars,
                             .multiline = false});
}

status require_incidents_open(assembly_state s) {
    using enum assembly_state;
    if (s == registro || s == en_sesion || s == suspendida)
        return {};
    return fail(error_kind::conflict, "wrong_state",
                "Las incidencias se anotan mientras la asamblea está abierta. La asamblea está " +
                    std::string(label(s)) + ".");
}

status check_incident_room(std::size_t already_noted) {
    if (already_noted < max_incidents)
        return {};
    return fail(error_kind::conflict, "too_many_incidents",
                "Esta asamblea ya tiene " + std::to_string(max_incidents) +
                    " incidencias anotadas; no caben más en el acta.");
}

} // namespace asamblea::domain
