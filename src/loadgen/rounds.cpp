#include "loadgen/rounds.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace asamblea::loadgen {

std::string round_base(const seed_assembly& a, std::int64_t id) {
    return "/api/c/" + a.clues + "/rounds/" + std::to_string(id);
}

void expect(const rest_reply& r, unsigned status, const std::string& what) {
    if (r.status != status)
        throw std::runtime_error(what + ": HTTP " + std::to_string(r.status) + " " + r.body.dump());
}

std::vector<std::int64_t> create_rounds(const rest_pool& rest, const std::string& title) {
    const auto& seed = rest.seed();
    std::vector<std::int64_t> ids(seed.assemblies.size());
    rest.for_each(ids.size(), [&](std::deque<rest_client>& clients, std::size_t i) {
        const auto& a = seed.assemblies[i];
        auto& c = clients[a.target];
        auto r = c.call("POST", "/api/c/" + a.clues + "/rounds",
                        {{"kind", "budget"}, {"title", title}, {"max_choices", 3}});
        expect(r, 201, "create round in " + a.clues);
        ids[i] = r.body["id"];
        expect(c.call("POST", round_base(a, ids[i]) + "/live", {{"enabled", true}}), 200,
               "live results in " + a.clues);
    });
    return ids;
}

void open_rounds(const rest_pool& rest, const std::vector<std::int64_t>& rounds) {
    const auto& seed = rest.seed();
    rest.for_each(rounds.size(), [&](std::deque<rest_client>& clients, std::size_t i) {
        const auto& a = seed.assemblies[i];
        expect(clients[a.target].call("POST", round_base(a, rounds[i]) + "/open",
                                      nlohmann::json::object()),
               200, "open round in " + a.clues);
    });
}

} // namespace asamblea::loadgen
