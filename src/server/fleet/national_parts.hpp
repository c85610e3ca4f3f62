#pragma once
/// What one shard sends another for a national view (the peer routes of api/fleet_national): its
/// own part, as JSON, and back. A part that does not read back throws nlohmann::json::exception;
/// the caller counts that shard as not answering.

#include "app/transparency/national_followup.hpp"
#include "domain/audit/red_flags.hpp"
#include "domain/clinic.hpp"
#include "store/national_repo.hpp"
#include "store/red_flag_repo.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace asamblea::server {

/// A clinic as shards send it to each other (the directory, the open records): written as
/// views/json_mapping's to_json writes it, read back here.
domain::clinic decode_clinic_row(const nlohmann::json& j);

nlohmann::json encode_dashboard_part(const store::national_dashboard& d);
store::national_dashboard decode_dashboard_part(const nlohmann::json& j);

nlohmann::json encode_live_part(const app::national_live& v);
app::national_live decode_live_part(const nlohmann::json& j);

nlohmann::json encode_followup_part(const app::national_followup& v);
app::national_followup decode_followup_part(const nlohmann::json& j);

/// The red flags' part: the shard's input of the edition, whether its thresholds were set and
/// its reviews.
struct flag_part {
    std::string shard; // who read it (empty without a fleet)
    domain::flag_input input;
    bool thresholds_set = false;
    std::vector<store::flag_review_row> reviews;
};
nlohmann::json encode_flag_part(const flag_part& p);
flag_part decode_flag_part(const nlohmann::json& j);

} // namespace asamblea::server
