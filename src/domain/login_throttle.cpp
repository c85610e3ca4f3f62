#include "domain/login_throttle.hpp"

#include <algorithm>

namespace asamblea::domain {

std::chrono::seconds login_throttle::wait_for(const std::string& key, clock::time_point now) const {
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.blocked_until <= now)
        return std::chrono::seconds{0};
    return std::chrono::ceil<std::chrono::seconds>(it->second.blocked_until - now);
}

void login_throttle::record_failure(const std::string& key, clock::time_point now) {
    if (entries_.size() >= opts_.max_keys && !entries_.contains(key))
        prune(now);
    entry& e = entries_[key];
    if (e.failures > 0 && now - e.last > opts_.forget_after)
        e = entry{};
    ++e.failures;
    e.last = now;
    if (e.failures > opts_.free_failures) {
        unsigned doublings = std::min(e.failures - opts_.free_failures - 1, 16U);
        auto wait =
            std::min<std::chrono::seconds>(opts_.base_wait * (1LL << doublings), opts_.max_wait);
        e.blocked_until = now + wait;
    }
}

void login_throttle::record_success(const std::string& key) {
    entries_.erase(key);
}

void login_throttle::prune(clock::time_point now) {
    std::erase_if(entries_,
                  [&](const auto& kv) { return now - kv.second.last > opts_.forget_after; });
    if (entries_.size() < opts_.max_keys)
        return;
    // Still full: forget the stalest entry so memory stays bounded.
    auto oldest =
        std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
            return a.second.last < b.second.last;
        });
    entries_.erase(oldest);
}

} // namespace asamblea::domain
