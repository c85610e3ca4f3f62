#include "server/fleet/revocations.hpp"

#include "server/fleet/fleet.hpp"
#include "server/fleet/fleet_client.hpp"
#include "server/fleet/fleet_token.hpp"
#include "store/clock.hpp"
#include "store/revocation_repo.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

namespace asamblea::server {
namespace {

std::int64_t revocation_expiry_unix(const std::string& utc) {
    auto t = store::parse_utc(utc);
    if (!t)
        return 0;
    return std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count();
}

void log_revocation_pull(const std::string& shard, const std::string& detail) {
    std::cerr << (nlohmann::json{{"level", "warning"},
                                 {"code", "revocations_unreachable"},
                                 {"shard", shard},
                                 {"detail", detail}}
                      .dump() +
                  "\n")
              << std::flush;
}

} // namespace

bool revocation_list::revoked(const std::string& token_hash_hex) const {
    std::lock_guard lock(mutex_);
    return revoked_.count(token_hash_hex) != 0;
}

void revocation_list::add(const std::string& token_hash_hex, std::int64_t expires_at) {
    std::lock_guard lock(mutex_);
    revoked_[token_hash_hex] = expires_at;
}

void revocation_list::prune(std::int64_t now) {
    std::lock_guard lock(mutex_);
    std::erase_if(revoked_, [now](const auto& entry) { return entry.second <= now; });
}

std::size_t revocation_list::size() const {
    std::lock_guard lock(mutex_);
    return revoked_.size();
}

revocation_poller::revocation_poller(const fleet& f, store::store& s, revocation_list& list,
                                     std::chrono::milliseconds interval)
    : fleet_(f), store_(s), list_(list), interval_(interval) {}

revocation_poller::~revocation_poller() {
    stop();
}

void revocation_poller::start() {
    threads_.emplace_back([this] { run_self(); });
    for (const auto* peer : fleet_.peers())
        threads_.emplace_back([this, name = peer->name] { run_peer(name); });
}

void revocation_poller::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_)
        if (t.joinable())
            t.join();
    threads_.clear();
}

bool revocation_poller::pause() {
    std::unique_lock lock(mutex_);
    return !wake_.wait_for(lock, interval_, [this] { return stopping_; });
}

// This shard's own table: rows written by other processes (`asamblea user disable`) or by
// code paths that do not tell the list (a committee term's end disabling logins).
void revocation_poller::run_self() {
    std::int64_t since = 0;
    do {
        try {
            std::vector<store::revocation_row> rows;
            do {
                {
                    auto db = store_.readers().acquire();
                    rows = store::revocations_since(*db, since, revocation_page, store::utc_now());
                }
                for (const auto& r : rows) {
                    list_.add(r.token_hash_hex, revocation_expiry_unix(r.expires_at));
                    since = r.seq;
                }
            } while (rows.size() == revocation_page);
            list_.prune(fleet_unix_now());
        } catch (const std::exception& e) {
            log_revocation_pull(fleet_.self(), e.what());
        }
    } while (pause());
}

void revocation_poller::run_peer(std::string shard) {
    std::int64_t since = 0;
    bool failing = false; // logged once when a peer stops answering, not on every pull
    do {
        bool more = true;
        while (more) {
            more = false;
            peer_call call;
            call.target = "/api/fleet/revocations?since=" + std::to_string(since);
            auto replies = ask_peers(fleet_, call, {shard});
            if (replies.empty())
                break;
            const auto& reply = replies.front();
            if (!reply.reached || reply.status != 200) {
                // Its rows wait on it: they arrive when it answers again (see the docs).
                if (!failing)
                    log_revocation_pull(shard, reply.reached
                                                   ? "status " + std::to_string(reply.status)
                                                   : reply.error);
                failing = true;
                break;
            }
            failing = false;
            auto body = nlohmann::json::parse(reply.body, nullptr, false);
            if (!body.is_object() || !body.contains("revocations") ||
                !body["revocations"].is_array()) {
                log_revocation_pull(shard, "malformed answer");
                break;
            }
            const auto& rows = body["revocations"];
            for (const auto& r : rows) {
                if (!r.is_object() || !r.contains("seq") || !r["seq"].is_number_integer() ||
                    !r.contains("token") || !r["token"].is_string() || !r.contains("expires_at") ||
                    !r["expires_at"].is_string())
                    continue;
                list_.add(r["token"].get<std::string>(),
                          revocation_expiry_unix(r["expires_at"].get<std::string>()));
                since = std::max(since, r["seq"].get<std::int64_t>());
            }
            more = rows.size() == revocation_page;
        }
    } while (pause());
}

} // namespace asamblea::server
