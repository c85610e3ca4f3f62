#pragma once
/// What the follow-up's routes read besides their bodies: the `?edition=` of a board or informe,
/// and today's date where the proving deadline is counted.

#include "domain/error.hpp"
#include "server/http/http_types.hpp"

#include <optional>
#include <string>

namespace asamblea::server {

/// The `edition` query parameter: absent (nullopt) or a year 2000–2100; invalid edition_invalid.
domain::result<std::optional<int>> edition_param(const request& req);

/// Today in Mexico City (UTC−6 all year since 2022), "YYYY-MM-DD".
std::string today_in_mexico_city();

} // namespace asamblea::server
