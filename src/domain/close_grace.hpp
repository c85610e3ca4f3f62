#pragma once
/// How long closing a round waits for votes still on their way from connected phones, and when
/// it stops waiting.

#include <chrono>

namespace asamblea::domain {

/// The default grace: a round's close waits at most this long while a connected phone still has
/// a vote in flight (`asamblea serve --close-grace`).
inline constexpr std::chrono::seconds default_close_grace{5};
/// The longest grace a server accepts: the room must not hang on a phone that never sends.
inline constexpr std::chrono::seconds max_close_grace{30};

/// Whether a close waits at all: only while some connected phone has a vote in flight, and only
/// with a grace.
constexpr bool close_must_wait(int votes_in_flight, std::chrono::milliseconds grace) {
    return votes_in_flight > 0 && grace.count() > 0;
}

/// Whether a close that has been waiting for `waited` closes now: when no vote is in flight any
/// more (the last one was counted or refused, or its phone left before the close began: one that
/// drops during the wait is probably reconnecting and keeps counting), or the grace is over.
constexpr bool close_now(int votes_in_flight, std::chrono::milliseconds waited,
                         std::chrono::milliseconds grace) {
    return votes_in_flight <= 0 || waited >= grace;
}

} // namespace asamblea::domain
