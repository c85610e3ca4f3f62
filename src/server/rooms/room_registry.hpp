#pragma once
/// Finds or creates the room of a clinic; rooms live as long as the server.

#include "server/rooms/room.hpp"

#include <mutex>
#include <unordered_map>

namespace asamblea::server {

class room_registry {
public:
    room_registry(boost::asio::any_io_executor executor, store::store& db)
        : executor_(std::move(executor)), db_(db) {}

    /// The room for a normalized CLUES; created on first use.
    std::shared_ptr<room> get(const std::string& clues) {
        std::lock_guard lock(mutex_);
        auto& slot = rooms_[clues];
        if (!slot)
            slot = std::make_shared<room>(executor_, clues, db_);
        return slot;
    }

    std::size_t size() const {
        std::lock_guard lock(mutex_);
        return rooms_.size();
    }

private:
    boost::asio::any_io_executor executor_;
    store::store& db_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<room>> rooms_;
};

} // namespace asamblea::server
