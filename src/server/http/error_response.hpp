#pragma once
/// The one place where domain errors become HTTP statuses and JSON bodies.

#include "domain/error.hpp"
#include "server/http/http_types.hpp"

#include <nlohmann/json_fwd.hpp>

namespace asamblea::server {

unsigned status_for(domain::error_kind kind);

/// {"error": code, "message": Spanish text, "field": optional} with the mapped status.
response error_response(const domain::error& e);

/// A 200 (or given status) JSON response.
response json_response(const nlohmann::json& body, unsigned status = 200);

} // namespace asamblea::server
