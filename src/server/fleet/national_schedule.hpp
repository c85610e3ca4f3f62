#pragma once
/// The national schedule (POST /api/national/schedule) over every shard: each shard convenes
/// the assemblies of its own clinics of the institution (app::schedule_clinic, idempotent: a
/// clinic that already has the edition is rescheduled while still convocada, else left alone),
/// and the asked shard adds up what every shard did. A shard that does not answer is named, with
/// its states, and its clinics are not counted; repeating the request schedules them later.

#include "domain/staff.hpp"
#include "server/fleet/national_gather.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace asamblea::server {

/// How long the schedule waits for each shard: it writes every clinic of an institution there.
inline constexpr std::chrono::milliseconds schedule_peer_timeout{30000};

struct schedule_request {
    std::string institucion;
    std::string entidad; // empty: every state
    int edition = 0;
    std::string scheduled_at; // UTC
    std::optional<int> quorum_min;
};

/// What one shard (or the sum of them) did.
struct schedule_tally {
    int found = 0; // clinics of the institution in the coordinator's scope
    int created = 0, updated = 0, skipped = 0;
};

/// Runs the schedule on this shard's clinics in `who`'s scope; an empty tally when none.
domain::result<schedule_tally> schedule_own_clinics(app_context& ctx, const domain::principal& who,
                                                    const schedule_request& s);

/// This shard's and, with a fleet, every peer's tally summed, with the shards that did not answer.
domain::result<merged<schedule_tally>>
schedule_fleet(app_context& ctx, const domain::principal& who, const schedule_request& s);

/// The peer route's body: the request and who asked (checked by the asked shard).
nlohmann::json schedule_json(const domain::principal& who, const schedule_request& s);
std::pair<domain::principal, schedule_request> schedule_of(const nlohmann::json& j);
nlohmann::json tally_json(const schedule_tally& t);

} // namespace asamblea::server
