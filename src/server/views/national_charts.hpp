#pragma once
/// The national view's charts as SVG (/api/open/national/charts/{name}.svg): money by state or
/// by institution (asignado, ejercido and comprobado as nested bars) and the clinics with the
/// most money spent but not proven.

#include "app/transparency/national_followup.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace asamblea::server {

/// "states", "institutions", "unproven".
enum class national_chart { states, institutions, unproven };

/// The chart of a file stem; nullopt for any other.
std::optional<national_chart> parse_national_chart(std::string_view stem);

/// The chart as a whole SVG document. `unproven` shows at most the first 15 of the ranking.
std::string national_chart_svg(const app::national_followup& v, national_chart chart);

} // namespace asamblea::server
