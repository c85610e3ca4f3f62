#pragma once
/// A fixed set of read-only connections (WAL readers never block the writer), leased one at a time.

#include <SQLiteCpp/Database.h>

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace asamblea::store {

class read_pool {
public:
    /// Opens `size` read-only connections; the schema must already exist (the writer migrates).
    /// Each keeps at most `cache_kib` of pages.
    read_pool(const std::string& path, std::size_t size, std::size_t cache_kib);

    /// A connection on loan; returned to the pool when the lease is destroyed.
    class lease {
    public:
        lease(read_pool& pool, std::unique_ptr<SQLite::Database> db)
            : pool_(&pool), db_(std::move(db)) {}
        lease(lease&&) noexcept = default;
        lease& operator=(lease&&) = delete;
        ~lease();
        SQLite::Database& operator*() { return *db_; }
        SQLite::Database* operator->() { return db_.get(); }

    private:
        read_pool* pool_;
        std::unique_ptr<SQLite::Database> db_;
    };

    /// Waits for a free connection.
    lease acquire();

private:
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<SQLite::Database>> free_;
};

} // namespace asamblea::store
