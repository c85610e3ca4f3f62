#include "store/backup.hpp"

#include "store/database.hpp"

#include <SQLiteCpp/Backup.h>
#include <sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace asamblea::store {

void backup_database(const std::string& source_path, const std::string& target_path) {
    auto source = open_database(source_path, access::read_only);
    SQLite::Database target(target_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(target, *source);
    // All pages in one step: the copy reads one snapshot. A step only fails with BUSY or LOCKED
    // while a checkpoint or a schema change holds a lock for a moment, so it is retried briefly.
    for (int attempt = 0;; ++attempt) {
        int rc = backup.executeStep(-1);
        if (rc == SQLITE_DONE) {
            // A copy in WAL mode grows -wal and -shm files beside it as soon as anyone opens it;
            // a rollback journal keeps it one self-contained file. The server sets WAL again.
            target.exec("PRAGMA journal_mode=DELETE");
            return;
        }
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || attempt == 100)
            throw std::runtime_error("la copia de " + source_path +
                                     " no terminó: " + sqlite3_errstr(rc));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

} // namespace asamblea::store
