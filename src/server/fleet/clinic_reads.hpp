#pragma once
/// The clinic directory over every shard (docs/architecture.md «Shards»): the search of
/// /api/clinics and its CSV, and the states of /api/entidades. Each shard answers its own part
/// (the peer routes of api/fleet_clinics); with a fleet, the asked shard merges every part, so
/// the answer is the same whichever shard is asked. Without a fleet the merged read is this
/// shard's own, complete. Run on REST workers only (they wait for the peers).

#include "server/fleet/national_gather.hpp"
#include "store/clinic_repo.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace asamblea::server {

/// With a fleet each shard sends its first page×per_page rows, so a page that deep is refused:
/// the limit of a search's rows (page×per_page) before the page asked is cut.
inline constexpr std::int64_t max_fleet_clinic_rows = 20000;

/// One shard's rows of a search (sorted by entidad, nombre, clues, as store::search_clinics),
/// with the CSV line of each when asked, and how many it finds in all.
struct clinic_part {
    std::vector<domain::clinic> items;
    std::vector<std::string> csv_rows; // parallel to items, only for the CSV
    std::int64_t total = 0;
};

/// This shard's first `rows` rows of the search (page 1 of that size).
clinic_part local_clinics(app_context& ctx, const store::clinic_query& q, bool with_csv);
/// Every shard's page `q.page` of size `q.per_page`, and the sum of their totals.
std::shared_ptr<const merged<clinic_part>>
fleet_clinics(app_context& ctx, const store::clinic_query& q, bool with_csv);

std::vector<std::string> local_entidades(app_context& ctx);
/// The states with a clinic on any shard, sorted, each once.
std::shared_ptr<const merged<std::vector<std::string>>> fleet_entidades(app_context& ctx);

/// The query and the part as the peer route reads and writes them.
nlohmann::json clinic_query_json(const store::clinic_query& q, bool with_csv);
store::clinic_query clinic_query_of(const nlohmann::json& j);
nlohmann::json encode_clinic_part(const clinic_part& p);
clinic_part decode_clinic_part(const nlohmann::json& j);

} // namespace asamblea::server
