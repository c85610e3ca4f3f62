#include "server/rooms/clinic_directory.hpp"

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

std::size_t clinic_directory::size() const {
    std::lock_guard lock(mutex_);
    return known_.size();
}

} // namespace asamblea::server
