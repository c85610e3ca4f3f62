#include "server/views/coordination_csv.hpp"

#include "domain/assembly/assembly_state.hpp"
#include "server/views/acta_pdf.hpp"
#include "server/views/csv_text.hpp"

#include <string_view>

namespace asamblea::server {
namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// The words of web/js/words.js (STATE, ROUND_STATUS), which the tables on screen use.
std::string assembly_state_word(std::string_view state) {
    if (state == "convocada")
        return "Convocada";
    if (state == "registro")
        return "Registro abierto";
    if (state == "en_sesion")
        return "En sesión";
    if (state == "suspendida")
        return "Suspendida";
    if (state == "cerrada")
        return "Cerrada";
    return std::string(state);
}

std::string round_status_word(std::string_view status) {
    if (status == "preparada")
        return "Preparada";
    if (status == "abierta")
        return "Votando"; // the dashboard's word for an open round
    if (status == "cerrada")
        return "Cerrada";
    if (status == "cancelada")
        return "Cancelada";
    return std::string(status);
}

std::string when(const std::string& utc_iso) {
    return utc_iso.empty() ? std::string() : fecha_larga(utc_iso);
}

} // namespace

std::string dashboard_csv(const std::vector<store::national_row>& rows) {
    std::string out(utf8_bom);
    out += csv_row({"CLUES", "unidad", "entidad", "estado", "asistencia", "quórum mínimo",
                    "con quórum", "votación", "estado de la votación", "último cambio"});
    for (const auto& r : rows) {
        std::string quorum;
        if (r.state != "convocada")
            quorum = domain::quorum_met(r.attendance, r.quorum_min) ? "Sí" : "No";
        out += csv_row({r.clues, r.nombre, r.entidad, assembly_state_word(r.state),
                        std::to_string(r.attendance), std::to_string(r.quorum_min), quorum,
                        r.round_id ? r.round_title : std::string(),
                        r.round_id ? round_status_word(r.round_status) : std::string(),
                        when(r.updated_at)});
    }
    return out;
}

std::string clinics_csv(const std::vector<domain::clinic>& clinics,
                        const std::map<std::string, store::current_assembly>& assemblies) {
    std::string out(utf8_bom);
    out += csv_row({"clues", "nombre", "entidad", "municipio", "institucion", "edicion", "estado",
                    "fecha_programada", "fecha_programada_utc", "quorum_min", "asistencia"});
    for (const auto& c : clinics) {
        auto found = assemblies.find(c.clues);
        if (found == assemblies.end()) {
            out += csv_row({c.clues, c.nombre, c.entidad, c.municipio, c.institucion, "",
                            "Sin asamblea", "", "", "", ""});
            continue;
        }
        const auto& a = found->second.assembly;
        out += csv_row({c.clues, c.nombre, c.entidad, c.municipio, c.institucion,
                        std::to_string(a.edition), assembly_state_word(domain::to_string(a.state)),
                        when(a.scheduled_at), a.scheduled_at, std::to_string(a.quorum_min),
                        std::to_string(found->second.attendance)});
    }
    return out;
}

} // namespace asamblea::server
