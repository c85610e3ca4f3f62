#include "domain/admitted_codes.hpp"

#include <algorithm>
#include <vector>

namespace asamblea::domain {

bool admitted_codes::contains(std::uint64_t key, clock::time_point now) const {
    auto it = last_used_.find(key);
    return it != last_used_.end() && now - it->second <= remember_;
}

void admitted_codes::touch(std::uint64_t key, clock::time_point now) {
    if (auto it = last_used_.find(key); it != last_used_.end()) {
        it->second = now;
        return;
    }
    if (last_used_.size() >= max_keys_)
        make_room(now);
    last_used_.emplace(key, now);
}

void admitted_codes::make_room(clock::time_point now) {
    // Rare (the table full), and linear: no order is kept between the sweeps.
    erase_if(last_used_, [&](const auto& e) { return now - e.second > remember_; });
    if (last_used_.size() < max_keys_)
        return;
    std::vector<clock::time_point> times;
    times.reserve(last_used_.size());
    for (const auto& e : last_used_)
        times.push_back(e.second);
    // The least recently used quarter (at least one entry) goes.
    auto cut = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 4);
    std::nth_element(times.begin(), cut, times.end());
    const auto oldest_kept = *cut;
    erase_if(last_used_, [&](const auto& e) { return e.second < oldest_kept; });
    // Many entries with one same time: drop arbitrary ones of it until there is room.
    while (last_used_.size() >= max_keys_)
        last_used_.erase(last_used_.begin());
}

} // namespace asamblea::domain
