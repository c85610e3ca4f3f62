#pragma once
/// The national view as one JSON document (GET /api/open/national.json): the follow-up of an
/// edition summed by institution and state, every clinic, the two rankings, and the day's live
/// figures. Only public facts.

#include "app/transparency/national_followup.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace asamblea::server {

/// A set of clinics' money and works (a clinic, a state, an institution, the country).
nlohmann::json national_money_json(const app::national_money& m);

/// The whole document; `filter` echoes the query's institucion and entidad.
nlohmann::json national_json(const app::national_followup& followup, const app::national_live& live,
                             const std::string& institucion, const std::string& entidad,
                             const std::string& today, const std::string& generated_at);

} // namespace asamblea::server
