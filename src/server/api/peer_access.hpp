#pragma once
/// The guard of the peer routes (`/api/fleet/…`, docs/architecture.md «Shards asking each
/// other»): only another shard of the map, with a fresh stamp of the fleet key, is answered.

#include "domain/error.hpp"

#include <string>

namespace asamblea::server {

struct app_context;
struct request;

/// The asking shard's name; 404 no_fleet on a server without a fleet, 401 not_a_peer for a
/// missing, foreign, stale or altered stamp.
domain::result<std::string> check_peer(const app_context& ctx, const request& req);

} // namespace asamblea::server
