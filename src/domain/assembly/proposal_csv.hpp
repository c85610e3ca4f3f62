#pragma once
/// Reads a proposals CSV (titulo, descripcion, categoria, costo, origen) all or nothing: every
/// bad line is reported and then nothing is imported.

#include "domain/clinic_csv.hpp"
#include "domain/money.hpp"
#include "domain/proposal.hpp"

#include <string_view>
#include <vector>

namespace asamblea::domain {

inline constexpr std::size_t max_csv_proposals = 500;

/// The proposals read, or the problems; when problems is non-empty proposals must not be used.
struct proposal_csv {
    std::vector<proposal> proposals;
    std::vector<csv_problem> problems;
    bool ok() const { return problems.empty(); }
};

/// Parses and checks the whole file. titulo, categoria and costo (pesos) are required columns;
/// descripcion and origen (diagnostico by default) are optional. Headers and categories are read
/// without regard to case or accents.
proposal_csv parse_proposal_csv(std::string_view text, centavos clinic_budget);

} // namespace asamblea::domain
