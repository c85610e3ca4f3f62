#pragma once
/// A token bucket kept as what has been spent: `capacity` attempts at once, refilling at
/// `capacity` per `period`; attempts past the budget run up a debt of at most another capacity.

#include "domain/throttle_table.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace asamblea::domain {

struct token_rule {
    double capacity = 1;
    std::chrono::seconds period{3600}; // time to refill from empty to `capacity`

    double per_second() const { return capacity / static_cast<double>(period.count()); }
    /// How long a bucket may be forgotten after its last use: by then it is full again.
    std::chrono::seconds forget_after() const { return 2 * period; }
};

/// A default-made bucket is full.
struct token_bucket {
    double spent = 0;
    std::chrono::steady_clock::time_point at{};

    double spent_at(const token_rule& r, std::chrono::steady_clock::time_point now) const {
        double elapsed = std::chrono::duration<double>(now - at).count();
        return std::max(0.0, spent - std::max(0.0, elapsed) * r.per_second());
    }
    /// Zero when one more attempt fits now, else whole seconds until it does (at least 1).
    std::chrono::seconds wait(const token_rule& r,
                              std::chrono::steady_clock::time_point now) const {
        double over = spent_at(r, now) + 1 - r.capacity;
        if (over <= 0)
            return std::chrono::seconds{0};
        return std::chrono::seconds{
            std::max<long long>(1, static_cast<long long>(std::ceil(over / r.per_second())))};
    }
    void take(const token_rule& r, std::chrono::steady_clock::time_point now) {
        spent = std::min(spent_at(r, now) + 1, 2 * r.capacity);
        at = now;
    }
};

/// The buckets of `t` held, and those that would refuse one more attempt now.
inline throttle_table_stats count_refusing(const throttle_table<token_bucket>& t,
                                           const token_rule& r,
                                           std::chrono::steady_clock::time_point now) {
    return count_refusing(t, now,
                          [&](const token_bucket& b) { return b.wait(r, now).count() > 0; });
}

} // namespace asamblea::domain
