#include "store/moved_ids.hpp"

namespace asamblea::store {

const std::vector<std::pair<std::string, std::string>>& event_id_keys() {
    static const std::vector<std::pair<std::string, std::string>> keys = {
        {"assembly_id", "assemblies"},
        {"attendee_id", "attendees"},
        {"confirmation_id", "work_confirmations"},
        {"credential_id", "credentials"},
        {"evidence_id", "evidence"},
        {"expense_id", "expenses"},
        {"incident_id", "assembly_incidents"},
        {"invitation_id", "committee_invitations"},
        {"member_id", "committee_members"},
        {"move_id", "work_moves"},
        {"nomination_id", "nominations"},
        {"note_id", "work_notes"},
        {"proposal_id", "proposals"},
        {"quote_id", "quotes"},
        {"request_id", "floor_requests"},
        {"round_id", "rounds"},
        {"user_id", "users"},
        {"work_id", "work_items"},
    };
    return keys;
}

nlohmann::json id_maps_to_json(const id_maps& maps) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, table] : event_id_keys()) {
        auto it = maps.find(table);
        nlohmann::json pairs = nlohmann::json::array();
        if (it != maps.end())
            for (const auto& [from, to] : it->second)
                pairs.push_back({from, to});
        out[table] = std::move(pairs);
    }
    return out;
}

namespace {

id_maps maps_of_move(const nlohmann::json& payload) {
    id_maps maps;
    auto ids = payload.find("ids");
    if (ids == payload.end() || !ids->is_object())
        return maps;
    for (const auto& [table, pairs] : ids->items()) {
        if (!pairs.is_array())
            continue;
        for (const auto& pair : pairs)
            if (pair.is_array() && pair.size() == 2 && pair[0].is_number_integer() &&
                pair[1].is_number_integer())
                maps[table][pair[0].get<std::int64_t>()] = pair[1].get<std::int64_t>();
    }
    return maps;
}

void renumber_payload(nlohmann::json& payload, const id_maps& maps) {
    if (!payload.is_object())
        return;
    for (const auto& [key, table] : event_id_keys()) {
        auto value = payload.find(key);
        if (value == payload.end() || !value->is_number_integer())
            continue;
        auto map = maps.find(table);
        if (map == maps.end())
            continue;
        if (auto to = map->second.find(value->get<std::int64_t>()); to != map->second.end())
            *value = to->second;
    }
}

} // namespace

std::vector<chain_event> with_moved_ids(std::vector<chain_event> events) {
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events[i].type != moved_in_event)
            continue;
        auto maps = maps_of_move(events[i].payload);
        for (std::size_t j = 0; j < i; ++j)
            renumber_payload(events[j].payload, maps);
    }
    return events;
}

} // namespace asamblea::store
