#pragma once
/// The snapshot message every subscriber of a room gets, serialized once per change and shared.
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
