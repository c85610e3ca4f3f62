#pragma once
/// The rounds and ballots of one clinic as its audit chain alone tells them: replaying the
/// events rebuilds each round's spec, state, result and the set of counted ballots (a re-vote
/// names the ballot it replaces), so `asamblea verify` can hold the tables against the chain and
/// recount every closed round without trusting the tables.

#include "domain/round.hpp"
#include "store/audit_chain.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

/// A ballot as the chain saw it cast.
struct replayed_ballot {
    std::string receipt;
    std::vector<std::string> choices;
    bool counted = true;  // false once a later ballot names it in `replaces`
    std::int64_t seq = 0; // its ballot.cast event
};

/// A round as the chain tells it.
struct replayed_round {
    std::int64_t id = 0;
    std::int64_t created_seq = 0; // its round.created event
    std::int64_t closed_seq = 0;  // its round.closed event, 0 while not closed
    nlohmann::json spec;
    domain::round_status status = domain::round_status::preparada;
    nlohmann::json result;                // the result the close recorded; null before
    std::vector<replayed_ballot> ballots; // in cast order
};

/// One clinic's replay; `problems` are places where the chain contradicts itself.
struct chain_replay {
    std::map<std::int64_t, replayed_round> rounds;
    std::vector<std::string> problems;
};

/// Replays the round and ballot events of one clinic's chain, in order.
chain_replay replay_rounds(const std::vector<chain_event>& events);

/// The result a closed round's counted ballots give under its spec, with the present and quorum
/// its close recorded; the problem in Spanish when the chain's own data cannot be tallied.
domain::result<nlohmann::json> recount(const replayed_round& round);

/// Why a closed round's recount from the chain does not give the result its close recorded
/// (naming the close's event), or nothing when it does.
std::optional<std::string> recount_problem(const replayed_round& round);

/// True when two results agree on what matters: the ballots counted and, per option, its
/// votes and whether it was selected (explanations may be worded differently by other versions).
bool same_outcome(const nlohmann::json& a, const nlohmann::json& b);

} // namespace asamblea::store
