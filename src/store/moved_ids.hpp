#pragma once
/// A clinic's chain names rows by their ids on the shard that wrote each event. When the clinic
/// moves, its rows are renumbered on the new shard and the `clinic.moved_in` event records every
/// old → new id; reading a chain through those maps lets `verify` hold the events written before
/// the move against the rows as they are numbered now. The events themselves (and their hashes)
/// are never changed.

#include "store/audit_chain.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace asamblea::store {

/// The type of the event that starts a clinic's life on its new shard.
inline constexpr const char* moved_in_event = "clinic.moved_in";
/// The type of the event that ends it on the old one.
inline constexpr const char* moved_out_event = "clinic.moved_out";

/// Old id → new id, per table.
using id_maps = std::map<std::string, std::map<std::int64_t, std::int64_t>>;

/// The payload keys that name a row (`round_id`, `work_id`, …) and the table each names.
const std::vector<std::pair<std::string, std::string>>& event_id_keys();

/// The maps of the tables events name, as a move-in payload carries them:
/// {"rounds": [[old, new], …], …}.
nlohmann::json id_maps_to_json(const id_maps& maps);

/// The events, each one written before a `clinic.moved_in` event read through that event's maps
/// (several moves compose, oldest first). Ids a map does not hold are left as they are.
std::vector<chain_event> with_moved_ids(std::vector<chain_event> events);

} // namespace asamblea::store
