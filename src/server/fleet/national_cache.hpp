#pragma once
/// A short cache of the national answers merged from every shard (docs/architecture.md
/// «Shards»): a dashboard that 200 coordinators refresh asks the other shards once per
/// `ttl`, not 200 times. Only complete answers are kept (an answer missing a shard is asked
/// again on the next request); entries expire after `ttl` and the oldest go first past
/// `max_entries` or `max_bytes`. While one request computes an entry, others for the same key
/// wait for it instead of asking the shards again.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace asamblea::server {

class national_cache {
public:
    struct limits {
        std::chrono::milliseconds ttl{5000};
        std::size_t max_entries = 64;
        std::size_t max_bytes = 64u << 20; // as the entries' own estimate (their JSON size)
    };

    /// One merged answer: the value, its size estimate and whether every shard answered.
    struct entry {
        std::shared_ptr<const void> value;
        std::size_t bytes = 0;
        bool complete = false;
    };

    national_cache() : national_cache(limits{}) {}
    explicit national_cache(limits l) : limits_(l) {}

    /// The cached entry for `key`, else `compute()`'s (kept when complete and small enough).
    entry get_or_compute(const std::string& key, const std::function<entry()>& compute);

    template <class T>
    std::shared_ptr<const T> get_or_compute_as(const std::string& key,
                                               const std::function<entry()>& compute) {
        return std::static_pointer_cast<const T>(get_or_compute(key, compute).value);
    }

    /// Drops the kept entries whose key starts with `prefix` (after a write this shard made to
    /// what they show; other shards' caches keep theirs until they expire).
    void forget(const std::string& prefix);

    /// A failed peer request, counted by shard for /metrics.
    void count_peer_failure(const std::string& shard);

    /// Prometheus lines: hits, misses, entries, bytes and peer failures by shard.
    std::string metrics_text() const;

private:
    struct slot {
        entry e;
        std::chrono::steady_clock::time_point expires;
        bool computing = false;
    };
    void evict_locked(std::chrono::steady_clock::time_point now);

    limits limits_;
    mutable std::mutex mutex_;
    std::condition_variable done_;
    std::map<std::string, slot> slots_;
    std::size_t bytes_ = 0;
    std::uint64_t hits_ = 0, misses_ = 0;
    std::map<std::string, std::uint64_t> peer_failures_;
};

} // namespace asamblea::server
