#pragma once
/// What one voter's phone gets when its room pushes to phones: the whole snapshot, a small
/// progress message (docs/api.md «WebSocket»), or nothing. The room remembers, per phone, the
/// versions it already delivered; this decides from them alone. No I/O: unit-tested alone.

#include <cstdint>

namespace asamblea::server {

/// What the room delivered to one phone so far (0: nothing yet).
struct voter_seen {
    std::uint64_t snapshot = 0; // the version of the last whole snapshot
    std::uint64_t sent = 0;     // the version of the last snapshot or progress message
};

enum class voter_push { nothing, snapshot, progress };

/// `base` is the version of the room's newest change that was more than counted ballots (a round
/// opened or closed, the floor, the assembly …), `current` the state's version now. A phone that
/// never got a snapshot, or got one older than `base`, needs the whole snapshot: a progress
/// message only carries what ballots change, so it must never stand for a missed state change.
/// A phone that has `current` already needs nothing; the others get progress, when there is a
/// round to report on (else the snapshot).
constexpr voter_push next_voter_push(voter_seen seen, std::uint64_t base, std::uint64_t current,
                                     bool has_round) {
    if (seen.snapshot == 0 || seen.snapshot < base)
        return voter_push::snapshot;
    if (seen.sent >= current)
        return voter_push::nothing;
    return has_round ? voter_push::progress : voter_push::snapshot;
}

} // namespace asamblea::server
