#pragma once
/// Domain values to and from their JSON shapes on the wire.

#include "domain/clinic.hpp"
#include "domain/staff.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::server {

nlohmann::json to_json(const domain::clinic& c);
nlohmann::json to_json(const domain::principal& p);

} // namespace asamblea::server
