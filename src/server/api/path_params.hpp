#pragma once
/// The parameters of a route's path (the clinic's CLUES, numeric ids) and its numeric query
/// parameters (pages).

#include "domain/error.hpp"
#include "server/http/http_types.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace asamblea::server {

/// The normalized CLUES of the path; not_found when it is malformed.
domain::result<std::string> path_clues(const request& req);

/// A positive integer path parameter; not_found when malformed.
domain::result<std::int64_t> path_id(const request& req, const char* name);

/// The longest search text a query parameter takes (a name, a place): more is no search.
inline constexpr std::size_t max_query_text = 100;

/// A query parameter from 1 to `max`, `fallback` when absent; invalid (bad_query) otherwise.
domain::result<int> positive_param(const request& req, const char* name, int fallback, int max);

} // namespace asamblea::server
