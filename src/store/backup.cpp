#include "store/backup.hpp"

#include "store/database.hpp"
#include "store/evidence_files.hpp"
#include "store/private_path.hpp"

#include <SQLiteCpp/Backup.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace asamblea::store {
namespace {

namespace fs = std::filesystem;

void sync_path(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        int err = errno;
        if (fd >= 0)
            ::close(fd);
        throw std::runtime_error("no se pudo escribir en disco " + path.string() + ": " +
                                 std::strerror(err));
    }
    ::close(fd);
}

} // namespace

void backup_database(const std::string& source_path, const std::string& target_path) {
    auto source = open_database(source_path, access::read_only);
    make_private_file(target_path); // the copy holds the same names and ballots
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

evidence_copy backup_evidence(const evidence_files& from, const fs::path& target_root) {
    auto shas = from.stored();
    if (!shas)
        throw std::runtime_error("no se pudo leer la carpeta de evidencias: " + shas.error().field);
    evidence_copy done;
    if (shas->empty())
        return done; // no folder either: a restore without evidence looks like a fresh one
    fs::create_directories(target_root);
    std::string last_folder;
    for (const auto& sha : *shas) {
        const auto source = *from.path_of(sha);
        const auto folder = target_root / sha.substr(0, 2);
        const auto target = folder / sha;
        if (sha.substr(0, 2) != last_folder) {
            if (!last_folder.empty())
                sync_path(target_root / last_folder);
            fs::create_directories(folder);
            last_folder = sha.substr(0, 2);
        }
        std::error_code ec;
        fs::create_hard_link(source, target, ec);
        if (ec) {
            // Another filesystem (EXDEV) or links not allowed there: a real copy, synced.
            fs::copy_file(source, target);
            sync_path(target);
        } else {
            ++done.linked;
        }
        ++done.files;
        done.bytes += fs::file_size(target);
    }
    if (!last_folder.empty())
        sync_path(target_root / last_folder);
    sync_path(target_root);
    return done;
}

} // namespace asamblea::store
