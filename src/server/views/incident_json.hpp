#pragma once
/// An incident the moderator noted, as the moderator's page reads it.

#include "store/incident_repo.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::server {

/// {id, text, at, by}: `by` is the username of who noted it (null when unknown).
nlohmann::json incident_to_json(const store::incident_row& i);

} // namespace asamblea::server
