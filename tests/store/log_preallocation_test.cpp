#include "store/database.hpp"
#include "store/log_preallocation.hpp"
#include "store/writer.hpp"
#include "test_dir.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace asamblea;
using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace log_preallocation_test {

namespace {

void add_rows(SQLite::Database& db, int n) {
    SQLite::Statement ins(db, "INSERT INTO notes (payload) VALUES (randomblob(300))");
    for (int i = 0; i < n; ++i) {
        ins.exec();
        ins.reset();
    }
}

} // namespace

TEST_CASE("log preallocation: zeros past the last frame, and every commit is still there") {
    test_dir dir;
    auto db = open_database(dir.db(), access::read_write);
    db->exec("PRAGMA wal_autocheckpoint=0"); // the rows stay in the log
    db->exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
    add_rows(*db, 50);
    const auto log = dir.db() + "-wal";
    const auto before = static_cast<std::int64_t>(std::filesystem::file_size(log));
    constexpr std::int64_t length = 4 << 20;
    CHECK(preallocate_log(*db, dir.db(), length) == length - before);
    CHECK(std::filesystem::file_size(log) == static_cast<std::uintmax_t>(length));
    // Long enough already: nothing added.
    CHECK(preallocate_log(*db, dir.db(), length / 2) == 0);
    // Commits after it go on at the log's end, as SQLite left it, not the file's.
    add_rows(*db, 50);
    CHECK(std::filesystem::file_size(log) == static_cast<std::uintmax_t>(length));
    // Recovery (a copy of the files without the wal-index, as after a crash) finds every row
    // and stops at the zeros.
    test_dir copy;
    std::filesystem::copy_file(dir.db(), copy.db());
    std::filesystem::copy_file(log, copy.db() + "-wal");
    auto recovered = open_database(copy.db(), access::read_only);
    CHECK(recovered->execAndGet("SELECT count(*) FROM notes").getInt64() == 100);
    CHECK(recovered->execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("log preallocation: the writer's option gives its log the checkpointer's length") {
    test_dir dir;
    writer::options opts;
    opts.checkpoint_pages = 100;
    opts.preallocate_log = true;
    writer w(dir.db(), opts);
    const auto frame = 4096 + 24; // SQLite's default page size, which the store keeps
    CHECK(std::filesystem::file_size(dir.db() + "-wal") ==
          static_cast<std::uintmax_t>(32 + checkpointer::restart_rounds * 100 * frame));
}

} // namespace log_preallocation_test
