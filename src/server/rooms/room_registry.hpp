#pragma once
/// Finds or creates the room of a clinic, only for clinics that exist, and unloads the rooms
/// nobody has used for a while (the next use loads the room again from the database).

#include "domain/shards/shard_map.hpp"
#include "server/rooms/clinic_directory.hpp"
#include "server/rooms/room.hpp"

#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace asamblea::server {

class metrics;

class room_registry {
public:
    /// A room nobody holds is unloaded once it has gone this long unused (`asamblea serve
    /// --room-idle`).
    static constexpr std::chrono::milliseconds default_room_idle{10 * 60 * 1000};

    struct options {
        std::chrono::milliseconds close_grace = domain::default_close_grace;
        // How often voters' phones get ballot-only changes (room::default_voter_progress).
        std::chrono::milliseconds voter_progress{30000};
        std::chrono::milliseconds room_idle = default_room_idle; // 0: rooms are never unloaded
        std::chrono::milliseconds clinic_recheck = clinic_directory::default_recheck;
        server::metrics* stats = nullptr;  // rooms loaded and unloaded, when given
        ballot_shedder* shedder = nullptr; // busy answers past its bounds; null: never
        // With a shard map (`serve --shards FILE --shard NAME`), only the clinics it gives to
        // `shard` are here; the others are another shard's (421, domain::shard_map).
        const domain::shard_map* shards = nullptr;
        std::string shard = {};
    };

    room_registry(boost::asio::any_io_executor executor, store::store& db, options o);
    room_registry(boost::asio::any_io_executor executor, store::store& db,
                  std::chrono::milliseconds close_grace = domain::default_close_grace)
        : room_registry(std::move(executor), db, options{.close_grace = close_grace}) {}
    ~room_registry();
    room_registry(const room_registry&) = delete;
    room_registry& operator=(const room_registry&) = delete;

    /// Whether a clinic (a normalized CLUES) exists; any thread (clinic_directory).
    bool clinic_exists(const std::string& clues) { return clinics_.contains(clues); }

    /// Whether this server serves a clinic (a normalized CLUES): ok; misdirected when the shard
    /// map gives it to another shard (checked first: that shard's clinics are not in this
    /// database); not_found when it does not exist. Any thread. Every path that names a clinic
    /// (REST, upload, page, WebSocket) asks this before anything else.
    domain::status clinic_here(const std::string& clues);

    /// The room for a normalized CLUES the caller knows to exist (routes with `{clues}` check
    /// it first, see api/app_context), or "" for commands of no clinic; created on first use
    /// and again after an unload, loading its state from the database as after a restart.
    std::shared_ptr<room> get(const std::string& clues);

    /// Loads the room of every clinic whose open round has a countdown, so that each arms its
    /// timer again (a server started over a database with such rounds); returns how many.
    std::size_t rearm_countdowns();

    /// Rooms loaded now.
    std::size_t size() const;
    /// Rooms unloaded since the start.
    std::uint64_t unloaded() const { return unloaded_.load(); }

    /// Unloads every room that nobody holds (no WebSocket, no request, no command or ballot on
    /// its way, no timer: a countdown, a waiting close, a push) and that has not been in use for
    /// `room_idle`; returns how many. Any thread; the registry also calls it periodically.
    std::size_t unload_idle();

private:
    struct slot {
        std::shared_ptr<server::room> loaded;
        std::chrono::steady_clock::time_point used; // last handed out or seen in use
    };
    void sweep_later();
    void publish_size_locked();

    boost::asio::any_io_executor executor_;
    store::store& db_;
    options options_;
    std::shared_ptr<commit_fanout> fanout_; // every room's commits, a batch's at once
    clinic_directory clinics_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, slot> rooms_;
    std::atomic<std::uint64_t> unloaded_{0};
    boost::asio::steady_timer sweep_timer_;
};

/// Runs `make(clues)`'s command in each clinic's room, all queued at once so the writer commits
/// them in a few batches, and waits for every result (in the order of `clinics`). A command's
/// `finish` step is not run here: commands that have one go through room::run_sync.
template <class Make>
auto run_each(room_registry& rooms, const std::vector<std::string>& clinics, Make make) {
    using event = typename decltype(make(std::string()))::event_type;
    std::vector<std::future<domain::result<event>>> pending;
    pending.reserve(clinics.size());
    for (const auto& clues : clinics) {
        auto promise = std::make_shared<std::promise<domain::result<event>>>();
        pending.push_back(promise->get_future());
        rooms.get(clues)->run<event>(
            make(clues), [promise](domain::result<event> r) { promise->set_value(std::move(r)); });
    }
    std::vector<domain::result<event>> out;
    out.reserve(pending.size());
    for (auto& f : pending)
        out.push_back(f.get());
    return out;
}

} // namespace asamblea::server
