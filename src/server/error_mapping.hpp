#pragma once
/// The one place where domain errors meet the wire, for HTTP and WebSocket alike: the status of
/// each kind, and the JSON body. An internal error is logged here, once, as one structured line
/// on stderr with a fresh id that the client's error also carries, so a report can be matched.

#include "domain/error.hpp"

#include <nlohmann/json_fwd.hpp>

namespace asamblea::server {

unsigned status_for(domain::error_kind kind);

/// {"error": code, "message": Spanish text, "field"?: the offending field, "error_id"?: the id of
/// an internal error's log line, "shard"?: for a misdirected request, the shard that serves it}.
nlohmann::json error_body(const domain::error& e);

} // namespace asamblea::server
