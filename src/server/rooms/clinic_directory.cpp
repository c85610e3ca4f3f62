#include "server/rooms/clinic_directory.hpp"

#include "store/clinic_move_repo.hpp"
#include "store/clinic_repo.hpp"

#include <algorithm>

namespace asamblea::server {

bool clinic_directory::known(const std::string& clues) const {
    std::lock_guard lock(mutex_);
    return known_.contains(clues);
}

bool clinic_directory::may_look() {
    auto now = std::chrono::steady_clock::now();
    if (recheck_.count() <= 0)
        return true;
    std::chrono::duration<double> elapsed = now - last_refill_;
    looks_left_ = std::min<double>(recheck_burst,
                                   looks_left_ + elapsed / std::chrono::duration<double>(recheck_));
    last_refill_ = now;
    if (looks_left_ < 1)
        return false;
    looks_left_ -= 1;
    return true;
}

bool clinic_directory::contains(const std::string& clues) {
    if (known(clues))
        return true;
    // Callers that miss together wait for one look, then see what it found.
    std::lock_guard refresh(refresh_mutex_);
    if (known(clues))
        return true;
    if (loaded_ && !may_look())
        return false;
    std::vector<store::clinic_key> added;
    {
        auto db = db_.readers().acquire();
        added = store::clinic_keys_after(*db, last_row_);
    }
    loaded_ = true;
    std::lock_guard lock(mutex_);
    for (auto& k : added) {
        last_row_ = std::max(last_row_, k.row);
        known_.insert(std::move(k.clues));
    }
    return known_.contains(clues);
}

std::optional<std::string> clinic_directory::moved_to(const std::string& clues) {
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    if (now >= next_moves_look_.load(std::memory_order_relaxed)) {
        // A caller that finds the look under way uses the list as it was.
        std::unique_lock refresh(moves_refresh_mutex_, std::try_to_lock);
        if (refresh.owns_lock() && now >= next_moves_look_.load(std::memory_order_relaxed)) {
            std::unordered_map<std::string, std::string> moved;
            {
                auto db = db_.readers().acquire();
                moved = store::clinics_moved_out(*db);
            }
            std::lock_guard lock(moved_mutex_);
            any_moved_ = !moved.empty();
            moved_ = std::move(moved);
            next_moves_look_ =
                now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(moved_recheck)
                          .count();
        }
    }
    if (!any_moved_.load(std::memory_order_relaxed))
        return std::nullopt;
    std::lock_guard lock(moved_mutex_);
    if (auto it = moved_.find(clues); it != moved_.end())
        return it->second;
    return std::nullopt;
}

std::size_t clinic_directory::size() const {
    std::lock_guard lock(mutex_);
    return known_.size();
}

} // namespace asamblea::server
