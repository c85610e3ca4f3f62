#pragma once
/// The snapshot message every subscriber of a room gets, serialized once per change and shared,
/// and the small progress message voters' phones get when only ballots changed.
/// What changes only when the hot state is (re)loaded is kept serialized between pushes.

#include "app/hot_state.hpp"

#include <cstdint>
#include <string>

namespace asamblea::server {

/// What the room adds to an open round that the hot state does not hold: connected phones with
/// a vote in flight, and whether the round's close is waiting for them.
struct round_in_flight {
    int pending_votes = 0;
    bool closing = false;
};

/// The fields of the current round that a counted ballot (or a vote in flight) changes, as they
/// follow the round's other fields in a snapshot: `,"ballots":N,"results":…` and, while the round
/// is open, `,"pending_votes":P,"closing":B`. Empty without a round.
std::string ballot_fields(const app::hot_state& state, round_in_flight in_flight);

/// The progress message voters' phones get instead of a snapshot when only those fields changed
/// (docs/api.md «WebSocket»): `{"type":"progress","version":V,"round_id":R` + ballot_fields + `}`.
/// Empty without a round. On the room's strand.
std::string progress_message(const app::hot_state& state, round_in_flight in_flight);

class snapshot_view {
public:
    /// The full snapshot message text; on the room's strand.
    std::string message(const app::hot_state& state, round_in_flight in_flight = {});

private:
    std::uint64_t generation_ = 0; // of the state the texts below were made from
    std::string head_;             // ,"assembly":…,"floor":…
    std::string round_;            // the current round without ballots and results, open
};

} // namespace asamblea::server
