#pragma once
/// The open-data follow-up (GET /api/open/followup.json, the CSVs, ocds.json) over every shard:
/// this shard's own public records (also what it answers a peer on POST /api/fleet/open/followup)
/// and, with a fleet, every shard's merged by CLUES as one shard sorts them, kept briefly in
/// fleet/national_cache when complete. Without a fleet the merged read is this shard's, complete.
/// Run on REST workers only (they wait for the peers).

#include "app/open_data/open_followup.hpp"
#include "server/api/app_context.hpp"
#include "server/fleet/national_gather.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <vector>

namespace asamblea::server {

using open_followups = std::vector<app::open_clinic_followup>;

/// Every clinic of this shard with works of a closed assembly, by CLUES (one snapshot).
open_followups local_open_followup(app_context& ctx);

/// Every shard's, merged by CLUES, and the shards that did not answer.
std::shared_ptr<const merged<open_followups>> fleet_open_followup(app_context& ctx);

/// The part a shard sends: the records as JSON, only their (public) fields, and back. A part
/// that does not read back throws nlohmann::json::exception.
nlohmann::json encode_open_followup_part(const open_followups& clinics);
open_followups decode_open_followup_part(const nlohmann::json& j);

} // namespace asamblea::server
