#pragma once
/// The snapshot message every subscriber of a room gets, serialized once per change and shared.
/// What changes only when the hot state is (re)loaded is kept serialized between pushes.

#include "app/hot_state.hpp"

#include <cstdint>
#include <string>

namespace asamblea::server {

class snapshot_view {
public:
    /// The full snapshot message text; on the room's strand.
    std::string message(const app::hot_state& state);

private:
    std::uint64_t generation_ = 0; // of the state the texts below were made from
    std::string head_;             // ,"assembly":…,"floor":…
    std::string round_;            // the current round without ballots and results, open
};

} // namespace asamblea::server
