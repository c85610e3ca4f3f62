#include "server/views/json_mapping.hpp"

namespace asamblea::server {

nlohmann::json to_json(const domain::clinic& c) {
    return {{"clues", c.clues},
            {"nombre", c.nombre},
            {"entidad", c.entidad},
            {"municipio", c.municipio},
            {"institucion", c.institucion},
            {"consultorios", c.consultorios},
            {"tipo", c.tipo},
            {"presupuesto_centavos", c.presupuesto}};
}

nlohmann::json to_json(const domain::principal& p) {
    return {{"username", p.username}, {"role", domain::to_string(p.role)}, {"clinics", p.clinics}};
}

} // namespace asamblea::server
