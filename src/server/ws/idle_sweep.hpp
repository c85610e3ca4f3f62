#pragma once
/// The WebSocket idle time-out for every connection at once. Beast's own (its `timeout` option)
/// keeps a timer wait pending on each socket, about 300 bytes per idle phone; instead each
/// connection notes when it last heard from its client (ws_closer::heard_ms) and one timer per
/// server walks the open connections every `idle_sweep_interval`, posting only to those that
/// need something: a ping after half the idle time-out of silence (once per silence), a drop
/// once the whole time-out, less one interval, has passed. So a live client is pinged and a
/// dead one is closed within ws_limits::idle_timeout, as with Beast's.

#include "server/ws/ws_closer.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

namespace asamblea::server {

/// A steady clock in milliseconds, cut to 32 bits: only differences are used, and those are
/// exact (modulo 2^32) for any silence shorter than 49 days.
inline std::uint32_t coarse_now_ms() {
    using namespace std::chrono;
    return static_cast<std::uint32_t>(
        duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count());
}

/// How often the sweep runs: a twelfth of the idle time-out (5 s for 60 s), at least 50 ms.
inline std::chrono::milliseconds idle_sweep_interval(std::chrono::milliseconds idle_timeout) {
    return std::max(std::chrono::milliseconds(50), idle_timeout / 12);
}

/// One pass over the tracked connections (dead entries are skipped). Returns how many were
/// pinged and dropped, for tests.
struct idle_sweep_counts {
    std::size_t pinged = 0;
    std::size_t dropped = 0;
};
inline idle_sweep_counts sweep_idle(const std::vector<std::weak_ptr<ws_closer>>& sessions,
                                    std::chrono::milliseconds idle_timeout, std::uint32_t now) {
    const auto interval = idle_sweep_interval(idle_timeout);
    const auto ping_after = static_cast<std::uint32_t>((idle_timeout / 2).count());
    const auto drop_after = static_cast<std::uint32_t>(
        std::max(idle_timeout - interval, idle_timeout / 2 + interval).count());
    idle_sweep_counts counts;
    for (const auto& weak : sessions) {
        auto s = weak.lock();
        if (!s)
            continue;
        const std::uint32_t silent = now - s->heard_ms.load(std::memory_order_relaxed);
        if (silent >= drop_after) {
            s->drop_idle();
            ++counts.dropped;
        } else if (silent >= ping_after && !s->pinged.exchange(true, std::memory_order_relaxed)) {
            s->ping_idle();
            ++counts.pinged;
        }
    }
    return counts;
}

} // namespace asamblea::server
