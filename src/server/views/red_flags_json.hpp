#pragma once
/// The red flags as JSON, as docs/api.md ("Red flags") describes them: public, with each flag's
/// evidence and review; nothing about attendees exists in the input.

#include "app/audit/red_flags.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::server {

nlohmann::json to_json(const domain::flag_thresholds& t);
nlohmann::json to_json(const app::red_flag_report& report);

} // namespace asamblea::server
