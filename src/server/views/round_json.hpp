#pragma once
/// The wire shapes of docs/api.md "Rounds": a round with its spec, counts and results, and the
/// snapshot's parts. Built from the room's hot state and the store's rows; only here.

#include "app/hot_state.hpp"
#include "app/rounds.hpp"
#include "domain/round.hpp"
#include "store/round_repo.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace asamblea::server {

nlohmann::json to_json(const domain::round_spec& spec);
nlohmann::json to_json(const domain::round_result& result);
/// A closed round's result with the counts it was made from (ballots, present, quorum).
nlohmann::json to_json(const domain::recorded_result& result);

/// The current round's results as the wire shows them: revealed, live, or null.
nlohmann::json current_results(const app::hot_state& state, const store::round_row& row);
/// The same as JSON text. Live results are written without a JSON tree: a room makes them again
/// for every counted ballot (snapshot_view), and the tree's allocations were most of that work.
std::string current_results_text(const app::hot_state& state, const store::round_row& row);
/// The text of to_json(result), written directly (the keys in another order).
void append_json(std::string& out, const domain::round_result& result);

/// The round as the wire shows it; `current` rounds take their counts from the hot state.
nlohmann::json round_json(const app::hot_state& state, const store::round_row& row, bool current);

/// A schema-checked round_create body as the request it states.
app::round_request round_request_from(const nlohmann::json& body);

/// This voter's counted ballot in the current round, by round id, for the welcome message.
nlohmann::json my_ballots_json(const app::hot_state& state, const std::string& voter_tag);

} // namespace asamblea::server
