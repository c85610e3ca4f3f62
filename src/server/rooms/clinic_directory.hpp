#pragma once
/// Which clinics exist, kept in memory so that a path's CLUES is checked without a query. A
/// CLUES not known yet looks in the database again (for a clinic imported with `asamblea
/// import-clinics` while the server runs), reading only the clinics added since the last look;
/// a stream of made-up CLUES gets `recheck_burst` looks at once and then one per `recheck`, and
/// never a room.

#include "store/store.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace asamblea::server {

class clinic_directory {
public:
    /// Once the burst is spent, misses look in the database again at most once per this.
    static constexpr std::chrono::milliseconds default_recheck{100};
    /// Looks a burst of misses may make at once (an honest miss, right after an import, is one).
    static constexpr int recheck_burst = 100;

    explicit clinic_directory(store::store& db, std::chrono::milliseconds recheck = default_recheck)
        : db_(db), recheck_(recheck) {}

    /// Whether the clinic (a normalized CLUES) exists; safe from any thread. A hit costs a
    /// lookup in memory; a miss may read the clinics added since the last look.
    bool contains(const std::string& clues);

    /// How stale the list of clinics moved out (`asamblea clinic-export`) may be: a clinic is
    /// answered as another shard's at most this long after its export began.
    static constexpr std::chrono::milliseconds moved_recheck{500};

    /// The shard a clinic moved to, when this database moved it out; safe from any thread. Reads
    /// the moves again at most once per `moved_recheck`.
    std::optional<std::string> moved_to(const std::string& clues);

    /// Clinics known so far.
    std::size_t size() const;

private:
    bool known(const std::string& clues) const;
    /// Whether a miss may look in the database now (a token bucket); under refresh_mutex_.
    bool may_look();

    store::store& db_;
    std::chrono::milliseconds recheck_;
    mutable std::mutex mutex_; // known_
    std::unordered_set<std::string> known_;
    std::mutex refresh_mutex_; // one look in the database at a time; the fields below
    bool loaded_ = false;
    std::int64_t last_row_ = 0;
    double looks_left_ = recheck_burst;
    std::chrono::steady_clock::time_point last_refill_ = std::chrono::steady_clock::now();
    std::mutex moves_refresh_mutex_;               // one look at the moves at a time
    std::atomic<std::int64_t> next_moves_look_{0}; // steady_clock ticks
    std::atomic<bool> any_moved_{false};
    mutable std::mutex moved_mutex_; // moved_
    std::unordered_map<std::string, std::string> moved_;
};

} // namespace asamblea::server
