#pragma once
/// GET /api/link-origin: the origin of the links phones get, and whether they can open it.

#include "domain/net/link_origin.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::server {

nlohmann::json to_json(const domain::link_origin& o);

} // namespace asamblea::server
