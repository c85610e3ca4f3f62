#pragma once
/// What to do about a WebSocket that has been silent for a while: nothing, ping it once, or close
/// it. Pure, so the rule is tested without sockets; ws_session applies it on its strand when the
/// process's idle_sweep asks.

#include <chrono>

namespace asamblea::server {

enum class silence_verdict { keep, ping, close };

/// `silent`: since the connection was last heard from (any frame, a pong included);
/// `pinged`: whether it has been pinged since then. A ping at half the time-out gives a live
/// client that has nothing to say the time to answer before the whole time-out closes it.
constexpr silence_verdict judge_silence(std::chrono::steady_clock::duration silent,
                                        std::chrono::steady_clock::duration idle_timeout,
                                        bool pinged) {
    if (silent >= idle_timeout)
        return silence_verdict::close;
    if (silent >= idle_timeout / 2 && !pinged)
        return silence_verdict::ping;
    return silence_verdict::keep;
}

} // namespace asamblea::server
