#pragma once
/// The national reads over every shard: this shard's own part (also what it answers a peer on
/// the routes of api/fleet_national) and, with a fleet, every shard's merged
/// (app/transparency/national_merge), kept briefly in fleet/national_cache when complete.
/// Without a fleet the merged read is this shard's part, complete. Run on REST workers only
/// (they wait for the peers).

#include "app/audit/red_flags.hpp"
#include "app/transparency/national_followup.hpp"
#include "server/fleet/national_gather.hpp"
#include "server/fleet/national_parts.hpp"
#include "store/national_repo.hpp"

#include <memory>
#include <optional>
#include <string>

namespace asamblea::server {

store::national_dashboard local_dashboard(app_context& ctx, const store::national_filter& f);
app::national_live local_live(app_context& ctx, const std::string& institucion,
                              const std::string& entidad);
app::national_followup local_followup(app_context& ctx, const app::national_followup_query& q);
domain::result<flag_part> local_flags(app_context& ctx, std::optional<int> edition,
                                      const std::string& today);

std::shared_ptr<const merged<store::national_dashboard>>
fleet_dashboard(app_context& ctx, const store::national_filter& f);
std::shared_ptr<const merged<app::national_live>>
fleet_live(app_context& ctx, const std::string& institucion, const std::string& entidad);
std::shared_ptr<const merged<app::national_followup>>
fleet_followup(app_context& ctx, const app::national_followup_query& q);
/// The merged input with thresholds_set and every shard's reviews (the newest per flag).
domain::result<std::shared_ptr<const merged<flag_part>>>
fleet_flags(app_context& ctx, std::optional<int> edition, const std::string& today);

/// Forgets this shard's kept red flags (after a review or thresholds written here).
void forget_fleet_flags(app_context& ctx);

/// The query of each part, as the peer routes read it.
nlohmann::json filter_json(const store::national_filter& f);
store::national_filter filter_of(const nlohmann::json& j);
nlohmann::json followup_query_json(const app::national_followup_query& q);
app::national_followup_query followup_query_of(const nlohmann::json& j);

} // namespace asamblea::server
