#pragma once
/// HTTP responses: an error as its status and body (mapped in server/error_mapping), or JSON.

#include "domain/error.hpp"
#include "server/http/http_types.hpp"

#include <nlohmann/json_fwd.hpp>

namespace asamblea::server {

/// The error's body with its mapped status (and Retry-After when it says when to retry).
response error_response(const domain::error& e);

/// A 200 (or given status) JSON response.
response json_response(const nlohmann::json& body, unsigned status = 200);

} // namespace asamblea::server
