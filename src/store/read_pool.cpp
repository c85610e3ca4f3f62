#include "store/read_pool.hpp"

#include "store/database.hpp"

namespace asamblea::store {

read_pool::read_pool(const std::string& path, std::size_t size, std::size_t cache_kib) {
    for (std::size_t i = 0; i < size; ++i)
        free_.push_back(open_database(path, access::read_only, cache_kib));
}

read_pool::lease::~lease() {
    if (!db_)
        return;
    {
        std::lock_guard lock(pool_->mutex_);
        pool_->free_.push_back(std::move(db_));
    }
    pool_->available_.notify_one();
}

read_pool::lease read_pool::acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !free_.empty(); });
    auto db = std::move(free_.back());
    free_.pop_back();
    return lease(*this, std::move(db));
}

} // namespace asamblea::store
