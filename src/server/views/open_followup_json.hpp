#pragma once
/// The follow-up's open data as JSON (GET /api/open/followup.json, `asamblea export`).

#include "app/open_data/open_followup.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace asamblea::server {

/// `{generated_at, clinics: [clinic + works: [work + quotes, expenses, evidence]]}`; money in
/// centavos, empty dates as null.
nlohmann::json open_followup_json(const std::vector<app::open_clinic_followup>& clinics,
                                  const std::string& generated_at);

} // namespace asamblea::server
