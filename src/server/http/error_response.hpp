#pragma once
/// HTTP responses: an error as its status and body (mapped in server/error_mapping), JSON, or a
/// document the staff print (the acta, the informe).

#include "domain/error.hpp"
#include "server/http/http_types.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace asamblea::server {

/// The error's body with its mapped status (and Retry-After when it says when to retry).
response error_response(const domain::error& e);

/// A 200 (or given status) JSON response.
response json_response(const nlohmann::json& body, unsigned status = 200);

/// A 200 PDF shown in the browser as `filename`; never cached (a draft changes, and a staff
/// document must not stay in a shared cache).
response pdf_response(std::string pdf, const std::string& filename);

/// A 200 CSV file saved as `filename`; never cached (a coordinator's view of live figures).
response csv_response(std::string csv, const std::string& filename);

} // namespace asamblea::server
