#include "server/rooms/room_registry.hpp"

#include "server/metrics.hpp"
#include "store/round_repo.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>

namespace asamblea::server {

namespace {

// How often the registry looks for idle rooms: often enough that a room goes within half its
// idle time more, seldom enough to cost nothing (at most a minute, at least 10 ms).
std::chrono::milliseconds sweep_period(std::chrono::milliseconds idle) {
    return std::clamp(idle / 2, std::chrono::milliseconds(10), std::chrono::milliseconds(60'000));
}

} // namespace

room_registry::room_registry(boost::asio::any_io_executor executor, store::store& db, options o)
    : executor_(std::move(executor)), db_(db), options_(o),
      fanout_(std::make_shared<commit_fanout>(executor_, db.writer())),
      clinics_(db, o.clinic_recheck), sweep_timer_(executor_) {
    if (options_.room_idle.count() > 0)
        sweep_later();
}

domain::status room_registry::clinic_here(const std::string& clues) {
    if (options_.shards)
        if (auto here = options_.shards->check_here(clues, options_.shard); !here)
            return here;
    // A clinic moved out with `asamblea clinic-export` stays in this database as an archive.
    if (auto shard = clinics_.moved_to(clues))
        return domain::fail(domain::error_kind::misdirected, "wrong_shard",
                            "La unidad «" + clues + "» se mudó a otro servidor («" + *shard + "»).",
                            *shard);
    if (!clinics_.contains(clues))
        return domain::fail(domain::error_kind::not_found, "not_found",
                            "No existe la unidad «" + clues + "».", "clues");
    return {};
}

room_registry::~room_registry() {
    sweep_timer_.cancel();
}

void room_registry::sweep_later() {
    sweep_timer_.expires_after(sweep_period(options_.room_idle));
    sweep_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec)
            return;
        unload_idle();
        sweep_later();
    });
}

std::shared_ptr<room> room_registry::get(const std::string& clues) {
    std::lock_guard lock(mutex_);
    auto& s = rooms_[clues];
    if (!s.loaded) {
        s.loaded = std::make_shared<room>(executor_, clues, db_, options_.close_grace,
                                          options_.voter_progress, options_.shedder, fanout_);
        publish_size_locked();
    }
    s.used = std::chrono::steady_clock::now();
    return s.loaded;
}

std::size_t room_registry::rearm_countdowns() {
    std::vector<std::string> clinics;
    {
        auto reader = db_.readers().acquire();
        clinics = store::clinics_with_countdown(*reader);
    }
    for (const auto& clues : clinics) {
        auto r = get(clues);
        boost::asio::post(r->strand(), [r] { r->ensure_loaded(); });
    }
    return clinics.size();
}

std::size_t room_registry::size() const {
    std::lock_guard lock(mutex_);
    return rooms_.size();
}

std::size_t room_registry::unload_idle() {
    // Freed after the lock is released: a room's destructor may take a moment.
    std::vector<std::shared_ptr<room>> dropped;
    {
        std::lock_guard lock(mutex_);
        auto now = std::chrono::steady_clock::now();
        for (auto it = rooms_.begin(); it != rooms_.end();) {
            auto& s = it->second;
            // The registry's is the only reference: no session, request, command, ballot or
            // timer holds the room, and the only way to get a new one is get(), which waits for
            // this lock. So nothing can reach this room once it leaves the map, and the next
            // get() loads a fresh one from what is committed.
            if (s.loaded.use_count() > 1) {
                s.used = now; // in use: idle time counts from when it is let go
                ++it;
                continue;
            }
            if (options_.room_idle.count() <= 0 || now - s.used < options_.room_idle) {
                ++it;
                continue;
            }
            dropped.push_back(std::move(s.loaded));
            it = rooms_.erase(it);
        }
        if (!dropped.empty()) {
            unloaded_ += dropped.size();
            if (options_.stats)
                options_.stats->rooms_unloaded += dropped.size();
            publish_size_locked();
        }
    }
    return dropped.size();
}

void room_registry::publish_size_locked() {
    if (options_.stats)
        options_.stats->rooms_loaded = static_cast<std::int64_t>(rooms_.size());
}

} // namespace asamblea::server
