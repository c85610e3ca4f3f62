#pragma once
/// Revoked fleet tokens, as every shard of a fleet knows them (docs/architecture.md «One login
/// for the fleet»): each shard lists the tokens revoked on it (store/revocation_repo) and pulls
/// every peer's list (GET /api/fleet/revocations?since=N) every `interval` on threads of its
/// own, one per peer, so a peer that is down delays only its own rows and never a request.

#include "domain/shards/fleet_token.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace asamblea::store {
class store;
}

namespace asamblea::server {

class fleet;

/// The sha256 (hex) of every revoked token still unexpired, with its expiry (unix seconds).
class revocation_list {
public:
    bool revoked(const std::string& token_hash_hex) const;
    void add(const std::string& token_hash_hex, std::int64_t expires_at);
    /// Drops entries whose token has expired at `now`.
    void prune(std::int64_t now);
    std::size_t size() const;

private:
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::int64_t> revoked_;
};

/// Rows a peer sends per answer; a longer backlog (after a restart) comes in several pulls.
inline constexpr std::size_t revocation_page = 1000;

class revocation_poller {
public:
    revocation_poller(const fleet& f, store::store& s, revocation_list& list,
                      std::chrono::milliseconds interval);
    ~revocation_poller();
    revocation_poller(const revocation_poller&) = delete;
    revocation_poller& operator=(const revocation_poller&) = delete;

    /// Starts the threads (this shard's own table and one per peer).
    void start();
    /// Stops and joins them; a pull in flight ends within its time-out.
    void stop();

private:
    void run_self();
    void run_peer(std::string shard);
    /// Sleeps one interval; false when stopping.
    bool pause();

    const fleet& fleet_;
    store::store& store_;
    revocation_list& list_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

} // namespace asamblea::server
