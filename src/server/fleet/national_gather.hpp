#pragma once
/// Asking every other shard for its part of a national answer (api/fleet_national answers):
/// one stamped POST with the query as JSON to each peer at once, each part read back with
/// `decode`; a peer that does not answer in time, answers another status or a part that does
/// not read is missing, named with the states it holds (domain/shards/clues_states).

#include "domain/shards/clues_states.hpp"
#include "server/api/app_context.hpp"
#include "server/fleet/fleet.hpp"
#include "server/fleet/fleet_client.hpp"
#include "server/fleet/national_cache.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace asamblea::server {

/// How long a national read waits for each shard: less than the default peer time-out so a
/// page still answers promptly (with that shard named as missing) when one is down.
inline constexpr std::chrono::milliseconds national_peer_timeout{1500};

/// Logs a peer that did not answer and counts it in /metrics.
void note_peer_failure(app_context& ctx, const peer_reply& reply, const std::string& why);

template <class Part, class Decode>
std::vector<Part> gather_parts(app_context& ctx, const std::string& target,
                               const nlohmann::json& query, Decode decode,
                               std::vector<std::string>& missing) {
    peer_call call;
    call.method = "POST";
    call.target = target;
    call.body = query.dump();
    call.timeout = national_peer_timeout;
    std::vector<Part> parts;
    for (auto& reply : ask_peers(*ctx.fleet, call)) {
        if (!reply.reached || reply.status != 200) {
            note_peer_failure(ctx, reply, reply.reached ? "status" : reply.error);
            missing.push_back(reply.shard);
            continue;
        }
        try {
            parts.push_back(decode(nlohmann::json::parse(reply.body)));
        } catch (const nlohmann::json::exception& e) {
            note_peer_failure(ctx, reply, e.what());
            missing.push_back(reply.shard);
        }
    }
    return parts;
}

/// `"complete"`, `"missing"` (each shard with its states) and `"missing_message"` (the Spanish
/// sentence a page shows; null when complete), added to every national answer.
nlohmann::json fleet_completeness(const app_context& ctx, const std::vector<std::string>& missing);

/// A merged answer and the shards that did not answer it.
template <class T> struct merged {
    T value;
    std::vector<std::string> missing;
};

} // namespace asamblea::server
