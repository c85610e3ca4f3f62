#include "server/fleet/national_gather.hpp"

#include <iostream>

namespace asamblea::server {

void note_peer_failure(app_context& ctx, const peer_reply& reply, const std::string& why) {
    if (ctx.national_cache)
        ctx.national_cache->count_peer_failure(reply.shard);
    std::cerr << nlohmann::json{{"level", "warning"},
                                {"code", "peer_missing"},
                                {"shard", reply.shard},
                                {"status", reply.status},
                                {"detail", why}}
                     .dump()
              << "\n";
}

nlohmann::json fleet_completeness(const app_context& ctx, const std::vector<std::string>& missing) {
    nlohmann::json list = nlohmann::json::array();
    std::vector<domain::missing_shard> named;
    if (ctx.fleet && !missing.empty())
        named = domain::missing_shards(ctx.fleet->map(), missing);
    for (const auto& m : named)
        list.push_back({{"shard", m.shard}, {"states", m.states}});
    auto sentence = domain::missing_sentence(named);
    return {
        {"complete", missing.empty()},
        {"missing", list},
        {"missing_message", sentence.empty() ? nlohmann::json(nullptr) : nlohmann::json(sentence)}};
}

} // namespace asamblea::server
