#pragma once
/// A CFDI UUID is proof of one expense in the whole fleet: before a shard records an expense it
/// asks every other shard whether a live expense there holds the UUID (GET /api/fleet/cfdi/…).
/// Run on the REST worker before the write command (never on the writer or a room).

#include "domain/error.hpp"
#include "server/api/app_context.hpp"

#include <string>

namespace asamblea::server {

/// ok when no other shard holds `uuid` (always without a fleet); conflict cfdi_uuid_used naming
/// the clinic and work that hold it; unavailable cfdi_unchecked (503, retryable) when a shard
/// did not answer: the expense waits rather than risk one invoice proving two expenses.
domain::status check_cfdi_elsewhere(app_context& ctx, const std::string& uuid);

} // namespace asamblea::server
