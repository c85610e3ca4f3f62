#pragma once
/// The stored JSON form of a round's spec and result: the rounds table and the audit chain (which
/// `asamblea verify` replays, so this format never changes). The wire has its own mapping in
/// the server's views.

#include "domain/round.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::store {

nlohmann::json spec_to_json(const domain::round_spec& spec);
/// Reads what spec_to_json wrote; missing fields keep their defaults.
domain::round_spec spec_from_json(const nlohmann::json& j);
nlohmann::json result_to_json(const domain::round_result& r);
/// The result as the rounds table keeps it: the tally with its ballots, present and quorum.
nlohmann::json recorded_to_json(const domain::recorded_result& r);
/// Reads what recorded_to_json wrote. A result written before `quorum_met` was recorded gets it
/// from its `present` and `quorum` (kept since the first release); without those it stays valid.
domain::recorded_result recorded_from_json(const nlohmann::json& j);

} // namespace asamblea::store
