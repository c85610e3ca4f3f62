#include "server/views/public_assembly_json.hpp"

#include "domain/committee.hpp"
#include "server/views/json_text.hpp"
#include "server/views/round_json.hpp"

namespace asamblea::server {
namespace {

using nlohmann::json;

json public_round(const store::round_row& r) {
    auto j = to_json(r.spec);
    j["id"] = r.id;
    j["closed_at"] = text_or_null(r.closed_at);
    j["revealed"] = !r.revealed_at.empty();
    // Until the moderator reveals it, a closed round's result is not public.
    j["results"] = !r.revealed_at.empty() && r.result ? to_json(*r.result) : json(nullptr);
    return j;
}

} // namespace

json to_public_json(const app::assembly_record& record) {
    const auto& a = record.assembly;
    json editions = json::array();
    for (const auto& e : record.editions)
        editions.push_back({{"edition", e.edition}, {"state", domain::to_string(e.state)}});
    json rounds = json::array();
    for (const auto& r : record.rounds)
        rounds.push_back(public_round(r));
    json committee = json::array();
    for (const auto& m : record.committee)
        committee.push_back({{"role", m.role},
                             {"role_label", domain::role_label(m.role)},
                             {"seat", m.seat},
                             {"nombre", m.nombre},
                             {"source", m.source}});
    bool closed = a.state == domain::assembly_state::cerrada;
    return {{"clues", a.clues},
            {"edition", a.edition},
            {"editions", editions},
            {"state", domain::to_string(a.state)},
            {"scheduled_at", text_or_null(a.scheduled_at)},
            {"attendance", record.attendance},
            {"quorum_min", a.quorum_min},
            {"quorum_met", record.quorum_met},
            {"rounds", rounds},
            {"committee", committee},
            {"acta_url",
             closed ? json("/api/c/" + a.clues + "/acta.pdf?edition=" + std::to_string(a.edition))
                    : json(nullptr)}};
}

} // namespace asamblea::server
