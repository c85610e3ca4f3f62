#include "store/log_preallocation.hpp"

#include <SQLiteCpp/Transaction.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace asamblea::store {

namespace {

// Closes the descriptor however the function leaves.
struct fd_closer {
    int fd;
    ~fd_closer() {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

std::int64_t preallocate_log(SQLite::Database& db, const std::string& path, std::int64_t bytes) {
    // The write lock of the log: a commit of another connection (a CLI command's) appends
    // past the file's end, where the zeros go, only once this transaction is over. Rolled
    // back: it writes nothing of its own.
    SQLite::Transaction lock(db, SQLite::TransactionBehavior::IMMEDIATE);
    fd_closer log{::open((path + "-wal").c_str(), O_WRONLY | O_CLOEXEC)};
    if (log.fd < 0)
        throw std::runtime_error("cannot open the write-ahead log of " + path);
    struct stat st {};
    if (::fstat(log.fd, &st) != 0)
        throw std::runtime_error("cannot read the size of the write-ahead log of " + path);
    std::int64_t at = st.st_size;
    if (at >= bytes)
        return 0;
    constexpr std::int64_t chunk = 1 << 20;
    const std::vector<char> zeros(chunk, 0);
    const std::int64_t from = at;
    while (at < bytes) {
        auto n = static_cast<std::size_t>(std::min(chunk, bytes - at));
        auto written = ::pwrite(log.fd, zeros.data(), n, at);
        if (written <= 0)
            throw std::runtime_error("cannot lengthen the write-ahead log of " + path);
        at += written;
    }
    if (::fdatasync(log.fd) != 0)
        throw std::runtime_error("cannot sync the write-ahead log of " + path);
    return at - from;
}

} // namespace asamblea::store
