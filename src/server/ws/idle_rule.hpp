#pragma once
/// What to do about a WebSocket that has been silent for a while: nothing, ping it once, or close
/// it. Pure, so the rule is tested without sockets; ws_session applies it on its strand when the
/// process's idle_sweep asks.

#include <chrono>

namespace asamblea::server {

enum class silence_verdict { keep, ping, close };

/// `silent`: since the connection was last heard from (any frame, a pong included);
/// `pinged`: whether it has been pinged since then. A ping at three quarters of the time-out
/// leaves a live client that has nothing to say a quarter (30 s of the default 120 s) to
/// answer. Not earlier: a phone in an open round only listens, so every ping is two frames
/// for each of a national Saturday's 97,500 phones (at half the time-out, 1,200 a second).
constexpr silence_verdict judge_silence(std::chrono::steady_clock::duration silent,
                                        std::chrono::steady_clock::duration idle_timeout,
                                        bool pinged) {
    if (silent >= idle_timeout)
        return silence_verdict::close;
    if (silent >= idle_timeout * 3 / 4 && !pinged)
        return silence_verdict::ping;
    return silence_verdict::keep;
}

} // namespace asamblea::server
