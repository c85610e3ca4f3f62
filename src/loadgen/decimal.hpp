#pragma once
/// A number with a fixed count of decimals, for progress lines, commands and the timeline.

#include <cstdio>
#include <string>

namespace asamblea::loadgen {

inline std::string decimal(double v, int decimals = 1) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    return b;
}

} // namespace asamblea::loadgen
