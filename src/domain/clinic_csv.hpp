#pragma once
/// Reads the clinics CSV (clues, nombre, entidad, municipio, institucion, consultorios, tipo
/// [, presupuesto]) all or nothing: every bad line is reported and then nothing is imported.

#include "domain/clinic.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

/// One rejected line and why, in Spanish.
struct csv_problem {
    std::size_t line = 0;
    std::string reason;
};

/// The clinics read, or the problems; when problems is non-empty clinics must not be used.
struct clinic_csv {
    std::vector<clinic> clinics;
    std::vector<csv_problem> problems;
    bool ok() const { return problems.empty(); }
};

/// Parses and checks the whole file; the budget defaults to budget_for_tier.
clinic_csv parse_clinic_csv(std::string_view text);

} // namespace asamblea::domain
