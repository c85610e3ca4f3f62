#include "store/batched_wal_vfs.hpp"
#include "store/database.hpp"
#include "test_dir.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace asamblea;
using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace batched_wal_vfs_test {

namespace {

// Rows with random keys under an index, as ballots are: each lands on its own page.
void add_rows(SQLite::Database& db, int n, int payload_bytes = 200) {
    SQLite::Transaction t(db);
    SQLite::Statement ins(db, "INSERT INTO notes (k, payload) VALUES (hex(randomblob(16)), "
                              "randomblob(?))");
    for (int i = 0; i < n; ++i) {
        ins.bind(1, payload_bytes);
        ins.exec();
        ins.reset();
    }
    t.commit();
}

long count_rows(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) FROM notes").getInt64();
}

std::unique_ptr<SQLite::Database> open_notes(const test_dir& dir) {
    auto db = open_database(dir.db(), access::read_write);
    db->exec("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, k TEXT NOT NULL, "
             "payload BLOB NOT NULL)");
    db->exec("CREATE INDEX IF NOT EXISTS notes_by_k ON notes (k)");
    return db;
}

} // namespace

TEST_CASE("batched WAL: a commit's frames reach the file in one write") {
    test_dir dir;
    auto db = open_notes(dir);
    add_rows(*db, 2000); // an index deep enough that random keys touch many pages
    auto before = batched_wal_stats();
    add_rows(*db, 60);
    auto after = batched_wal_stats();
    auto sqlite_writes = after.sqlite_writes - before.sqlite_writes;
    auto file_writes = after.file_writes - before.file_writes;
    // Two writes per frame from SQLite (header and page), tens of pages dirtied; one write per
    // full buffer (30 frames) to the file.
    CHECK(sqlite_writes >= 40);
    CHECK(file_writes >= 1);
    CHECK(file_writes <= sqlite_writes / 60 + 1);
    CHECK(count_rows(*db) == 2060);
}

TEST_CASE("batched WAL: every commit is visible to another connection at once, and on disk") {
    test_dir dir;
    auto db = open_notes(dir);
    auto reader = open_database(dir.db(), access::read_only);
    long expected = 0;
    for (int round = 0; round < 30; ++round) {
        add_rows(*db, 25);
        expected += 25;
        REQUIRE(count_rows(*reader) == expected);
        if (round == 10)
            // The next commit starts the log again from its header, at offset 0.
            db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    // A copy of the files as they are now, the writer still open (as after a power cut),
    // holds every commit: none waited in a buffer.
    test_dir copy;
    for (const char* suffix : {"", "-wal"})
        std::filesystem::copy_file(dir.db() + suffix, copy.db() + suffix);
    auto recovered = open_database(copy.db(), access::read_write);
    CHECK(count_rows(*recovered) == expected);
    CHECK(recovered->execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("batched WAL: a transaction larger than the buffer is written in pieces") {
    test_dir dir;
    long expected = 0;
    {
        auto db = open_notes(dir);
        auto before = batched_wal_stats();
        // About 3 MiB of pages, three times the buffer.
        add_rows(*db, 1500, 2000);
        expected = 1500;
        auto after = batched_wal_stats();
        auto sqlite_writes = after.sqlite_writes - before.sqlite_writes;
        auto file_writes = after.file_writes - before.file_writes;
        CHECK(sqlite_writes > 1000);
        CHECK(file_writes >= 3 * (1 << 20) / batched_wal_buffer_bytes);
        CHECK(file_writes <= sqlite_writes / 60 + 1);
    }
    auto db = open_database(dir.db(), access::read_only);
    CHECK(count_rows(*db) == expected);
    CHECK(db->execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("batched WAL: a rolled-back transaction leaves nothing") {
    test_dir dir;
    auto db = open_notes(dir);
    add_rows(*db, 100);
    {
        SQLite::Transaction t(*db);
        // Enough to spill pages to the log before the rollback.
        db->exec("PRAGMA cache_size=10");
        SQLite::Statement ins(*db, "INSERT INTO notes (k, payload) VALUES (hex(randomblob(16)), "
                                   "randomblob(3000))");
        for (int i = 0; i < 500; ++i) {
            ins.exec();
            ins.reset();
        }
    } // rolled back
    add_rows(*db, 10);
    auto reader = open_database(dir.db(), access::read_only);
    CHECK(count_rows(*reader) == 110);
    CHECK(reader->execAndGet("PRAGMA integrity_check").getString() == "ok");
}

} // namespace batched_wal_vfs_test
