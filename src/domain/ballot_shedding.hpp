#pragma once
/// When a new ballot is answered «busy, retry» at once instead of joining a queue of seconds:
/// past a bound on the writer's queue or on the room's ballots on their way to the store.

#include "domain/error.hpp"

#include <chrono>
#include <cstddef>

namespace asamblea::domain {

/// The bounds (`asamblea serve --shed-writer-queue`, `--shed-room-backlog`); 0 turns one off.
struct shed_bounds {
    // Commands waiting for the writer (not counting the batch it is committing). 6,144 is six
    // full batches of 1,024: about 220 ms of work at this machine's measured 28,000 ballots/s
    // (plus the batch in hand, about 260 ms), about 680 ms on a machine that measures 9,000/s,
    // which should set it near 2,048 (docs/architecture.md «Where load is shed»).
    std::size_t writer_queue = 6144;
    // One room's ballots prepared and not yet committed: a whole assembly of 150–300 phones
    // voting in the same second fits with room to spare; past it one clinic is taking more than
    // its share of the writer (or the writer has stalled).
    std::size_t room_backlog = 512;
};

/// Why a ballot was shed, or `none` when it is admitted.
enum class shed_reason { none, writer_queue, room_backlog };

/// The phone waits at least this long before sending a shed ballot again (then backs off with
/// jitter): about twice the work the writer's bound holds.
inline constexpr std::chrono::milliseconds shed_retry_after{500};

struct shed_decision {
    shed_reason reason = shed_reason::none;
    std::chrono::milliseconds retry_after{0};
    constexpr bool shed() const { return reason != shed_reason::none; }
};

/// Whether a new ballot is admitted, given the writer's queue depth and the room's backlog (its
/// ballots prepared and not yet committed). At or past a bound it is shed; the writer's bound
/// is checked first (it is the one every room shares).
shed_decision decide_ballot(const shed_bounds& bounds, std::size_t writer_queue,
                            std::size_t room_backlog);

/// The stable name of a reason, as /metrics and the bench label it.
const char* shed_reason_name(shed_reason reason);

/// The answer a shed ballot gets: error `busy` (kind unavailable) with `retry_after_ms`.
error ballot_busy(std::chrono::milliseconds retry_after);

} // namespace asamblea::domain
