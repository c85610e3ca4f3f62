#pragma once
/// Percentiles by nearest rank.

#include <algorithm>
#include <cstddef>
#include <vector>

namespace asamblea::loadgen {

/// The q-quantile (0…1) by nearest rank; 0 for an empty sample.
inline double percentile(std::vector<double> v, double q) {
    if (v.empty())
        return 0;
    std::size_t k = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

} // namespace asamblea::loadgen
