#pragma once
/// Finds or creates the room of a clinic; rooms live as long as the server.

#include "server/rooms/room.hpp"

#include <future>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace asamblea::server {

class room_registry {
public:
    room_registry(boost::asio::any_io_executor executor, store::store& db,
                  std::chrono::milliseconds close_grace = domain::default_close_grace)
        : executor_(std::move(executor)), db_(db), close_grace_(close_grace) {}

    /// The room for a normalized CLUES; created on first use.
    std::shared_ptr<room> get(const std::string& clues) {
        std::lock_guard lock(mutex_);
        auto& slot = rooms_[clues];
        if (!slot)
            slot = std::make_shared<room>(executor_, clues, db_, close_grace_);
        return slot;
    }

    std::size_t size() const {
        std::lock_guard lock(mutex_);
        return rooms_.size();
    }

private:
    boost::asio::any_io_executor executor_;
    store::store& db_;
    std::chrono::milliseconds close_grace_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<room>> rooms_;
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
