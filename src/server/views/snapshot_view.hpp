#pragma once
/// The snapshot message every subscriber of a room gets, serialized once per change and shared,
/// and the small progress message voters' phones get when only ballots changed.
/// What changes only when the hot state is (re)loaded is kept serialized between pushes, and the
/// round's results until another ballot is counted.

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

/// One room's texts; only on the room's strand.
class snapshot_view {
public:
    /// The full snapshot message text.
    std::string message(const app::hot_state& state, round_in_flight in_flight = {});

    /// The progress message voters' phones get instead of a snapshot when only the ballot
    /// figures changed (docs/api.md «WebSocket»):
    /// `{"type":"progress","version":V,"round_id":R` + the ballot fields + `}`. Empty without a
    /// round.
    std::string progress(const app::hot_state& state, round_in_flight in_flight);

    /// The fields of the current round that a counted ballot (or a vote in flight) changes, as
    /// they follow the round's other fields in a snapshot: `,"ballots":N,"results":…` and, while
    /// the round is open, `,"pending_votes":P,"closing":B`, appended to `out`. Nothing without a
    /// round.
    void append_ballot_fields(std::string& out, const app::hot_state& state,
                              round_in_flight in_flight);

private:
    /// The current round's results as JSON text (`null` when hidden); made again only after a
    /// load or a counted ballot. A vote in flight changes the snapshot but not the results, and
    /// the projectors' snapshot and the phones' progress of one push share them.
    const std::string& results_text(const app::hot_state& state);

    std::uint64_t generation_ = 0; // of the state the texts below were made from
    std::string head_;             // ,"assembly":…,"floor":…
    std::string round_;            // the current round without ballots and results, open
    std::uint64_t results_generation_ = 0;
    std::uint64_t results_counted_ = 0;
    std::string results_;
};

} // namespace asamblea::server
