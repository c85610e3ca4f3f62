#pragma once
/// Slows down password guessing: failures per account and per address earn a growing wait.

#include <chrono>
#include <cstddef>
#include <string>
#include <unordered_map>

namespace asamblea::domain {

/// Pure bookkeeping with the clock passed in, so it is testable; the caller serializes access.
class login_throttle {
public:
    using clock = std::chrono::steady_clock;

    struct options {
        unsigned free_failures = 5;        // failures before any wait
        std::chrono::seconds base_wait{2}; // doubles with each further failure
        std::chrono::seconds max_wait{300};
        std::chrono::seconds forget_after{900}; // a quiet key starts over
        std::size_t max_keys = 100'000;         // memory bound; oldest forgotten first
    };

    login_throttle() : login_throttle(options{}) {}
    explicit login_throttle(options opts) : opts_(opts) {}

    /// How long the caller must still wait before trying `key`; zero when allowed now.
    std::chrono::seconds wait_for(const std::string& key, clock::time_point now) const;
    void record_failure(const std::string& key, clock::time_point now);
    void record_success(const std::string& key);
    std::size_t size() const { return entries_.size(); }

private:
    struct entry {
        unsigned failures = 0;
        clock::time_point last{};
        clock::time_point blocked_until{};
    };
    void prune(clock::time_point now);

    options opts_;
    std::unordered_map<std::string, entry> entries_;
};

} // namespace asamblea::domain
