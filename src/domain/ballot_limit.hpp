#pragma once
/// How many ballots one person may send in one round: an honest re-vote is one or two, so a
/// generous cap stops a phone (or a script with a credential) from writing without end.

#include "domain/error.hpp"

namespace asamblea::domain {

/// Ballots one person may send in one round, counted across all their credentials (a reissued
/// credential or a second phone is the same person); resends of a ballot already stored are
/// answered with its receipt and do not count.
inline constexpr int max_ballots_per_round = 10;

/// The answer to the ballot past the cap: not stored; the person's last stored ballot counts.
error too_many_ballots(int limit = max_ballots_per_round);

/// Whether a person who has already sent `sent` ballots in a round (stored or on their way to
/// the store) may send one more; too_many_ballots otherwise.
status check_ballot_count(int sent, int limit = max_ballots_per_round);

} // namespace asamblea::domain
