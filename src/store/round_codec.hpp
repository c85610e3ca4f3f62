#pragma once
/// The JSON form of a round's spec and result, shared by the database and the wire.

#include "domain/round.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::store {

nlohmann::json spec_to_json(const domain::round_spec& spec);
/// Reads what spec_to_json wrote; missing fields keep their defaults.
domain::round_spec spec_from_json(const nlohmann::json& j);
nlohmann::json result_to_json(const domain::round_result& r);
/// A stored result as readers get it: one written before `quorum_met` was recorded gets it from
/// its `present` and `quorum` (kept since the first release); without those it stays valid.
nlohmann::json with_quorum_met(nlohmann::json stored);

} // namespace asamblea::store
