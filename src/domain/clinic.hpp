#pragma once
/// A health unit (clínica) identified by its CLUES, with its assigned budget.

#include "domain/money.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace asamblea::domain {

struct clinic {
    std::string clues;
    std::string nombre;
    std::string entidad;
    std::string municipio;
    std::string institucion;
    int consultorios = 1;
    std::string tipo;
    centavos presupuesto = 0;
};

/// Upper-cases and checks a CLUES: 5 letters (state + institution) then 6 digits; nullopt if bad.
std::optional<std::string> normalize_clues(std::string_view text);

/// The same for the first characters of a CLUES (1 to 11 of them: "CS", "CSIMB", "CSIMB0"), as
/// a shard map names the clinics a shard owns.
std::optional<std::string> normalize_clues_prefix(std::string_view text);

/// The 2024 IMSS-Bienestar tier: 1 → $400,000; 2 → $600,000; 3–5 → $800,000; 6+ → $1,000,000;
/// CESSA → $1,200,000.
centavos budget_for_tier(int consultorios, std::string_view tipo);

/// Lower-case, accent-free text for substring search ("Jalapa de Díaz" → "jalapa de diaz").
std::string fold_for_search(std::string_view text);

} // namespace asamblea::domain
