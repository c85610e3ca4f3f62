#pragma once
/// The load generator's clock: every time it reports is steady time, in ms or s as named.

#include <chrono>

namespace asamblea::loadgen {

using clock_type = std::chrono::steady_clock;

inline double ms_between(clock_type::time_point a, clock_type::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

inline double seconds_since(clock_type::time_point t) {
    return std::chrono::duration<double>(clock_type::now() - t).count();
}

} // namespace asamblea::loadgen
