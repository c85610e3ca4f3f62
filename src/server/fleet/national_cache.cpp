#include "server/fleet/national_cache.hpp"

#include <vector>

namespace asamblea::server {

national_cache::entry national_cache::get_or_compute(const std::string& key,
                                                     const std::function<entry()>& compute) {
    std::unique_lock lock(mutex_);
    for (;;) {
        auto now = std::chrono::steady_clock::now();
        auto it = slots_.find(key);
        if (it == slots_.end())
            break;
        if (it->second.computing) {
            // Another request is asking the shards for this key: wait for its answer (bounded
            // by its peers' time-outs) rather than asking them again.
            done_.wait(lock);
            continue;
        }
        if (it->second.expires > now) {
            ++hits_;
            return it->second.e;
        }
        bytes_ -= it->second.e.bytes;
        slots_.erase(it);
        break;
    }
    ++misses_;
    slots_[key].computing = true;
    lock.unlock();
    entry e;
    try {
        e = compute();
    } catch (...) {
        lock.lock();
        slots_.erase(key);
        done_.notify_all();
        throw;
    }
    lock.lock();
    auto now = std::chrono::steady_clock::now();
    if (e.complete && e.bytes <= limits_.max_bytes && limits_.max_entries > 0) {
        auto& s = slots_[key];
        s.e = e;
        s.expires = now + limits_.ttl;
        s.computing = false;
        bytes_ += e.bytes;
        evict_locked(now);
    } else {
        slots_.erase(key);
    }
    done_.notify_all();
    return e;
}

void national_cache::evict_locked(std::chrono::steady_clock::time_point now) {
    // Expired entries first, then the soonest to expire (the oldest), until within bounds.
    for (auto it = slots_.begin(); it != slots_.end();) {
        if (!it->second.computing && it->second.expires <= now) {
            bytes_ -= it->second.e.bytes;
            it = slots_.erase(it);
        } else {
            ++it;
        }
    }
    auto count_ready = [&] {
        std::size_t n = 0;
        for (const auto& [k, s] : slots_)
            n += !s.computing;
        return n;
    };
    while (count_ready() > limits_.max_entries || bytes_ > limits_.max_bytes) {
        auto oldest = slots_.end();
        for (auto it = slots_.begin(); it != slots_.end(); ++it)
            if (!it->second.computing &&
                (oldest == slots_.end() || it->second.expires < oldest->second.expires))
                oldest = it;
        if (oldest == slots_.end())
            break;
        bytes_ -= oldest->second.e.bytes;
        slots_.erase(oldest);
    }
}

void national_cache::forget(const std::string& prefix) {
    std::lock_guard lock(mutex_);
    for (auto it = slots_.begin(); it != slots_.end();) {
        if (!it->second.computing && it->first.starts_with(prefix)) {
            bytes_ -= it->second.e.bytes;
            it = slots_.erase(it);
        } else {
            ++it;
        }
    }
}

void national_cache::count_peer_failure(const std::string& shard) {
    std::lock_guard lock(mutex_);
    ++peer_failures_[shard];
}

std::string national_cache::metrics_text() const {
    std::lock_guard lock(mutex_);
    std::size_t entries = 0;
    for (const auto& [k, s] : slots_)
        entries += !s.computing;
    std::string out;
    out += "# HELP asamblea_national_cache_hits_total National answers served from the cache.\n"
           "# TYPE asamblea_national_cache_hits_total counter\n"
           "asamblea_national_cache_hits_total " +
           std::to_string(hits_) + "\n";
    out += "# HELP asamblea_national_cache_misses_total National answers merged from the "
           "shards.\n# TYPE asamblea_national_cache_misses_total counter\n"
           "asamblea_national_cache_misses_total " +
           std::to_string(misses_) + "\n";
    out += "# TYPE asamblea_national_cache_entries gauge\nasamblea_national_cache_entries " +
           std::to_string(entries) + "\n";
    out += "# TYPE asamblea_national_cache_bytes gauge\nasamblea_national_cache_bytes " +
           std::to_string(bytes_) + "\n";
    out += "# HELP asamblea_fleet_peer_failures_total Peer requests of national answers and "
           "rules that failed, by shard.\n# TYPE asamblea_fleet_peer_failures_total counter\n";
    for (const auto& [shard, n] : peer_failures_)
        out += "asamblea_fleet_peer_failures_total{shard=\"" + shard + "\"} " + std::to_string(n) +
               "\n";
    return out;
}

} // namespace asamblea::server
