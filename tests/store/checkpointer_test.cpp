#include "store/checkpointer.hpp"
#include "store/database.hpp"
#include "store/paced_checkpoint_vfs.hpp"
#include "store/writer.hpp"
#include "test_dir.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>

using namespace asamblea;
using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace checkpointer_test {

namespace {

constexpr const char* notes_schema =
    "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, k TEXT NOT NULL, "
    "payload BLOB NOT NULL); CREATE INDEX IF NOT EXISTS notes_by_k ON notes (k)";

// Rows with random keys under an index, as ballots are: each lands on its own page.
writer::command add_notes(int n) {
    return [n](write_context& ctx) -> domain::status {
        auto& ins = ctx.statement(
            "INSERT INTO notes (k, payload) VALUES (hex(randomblob(16)), randomblob(200))");
        for (int i = 0; i < n; ++i) {
            ins.exec();
            ins.reset();
        }
        return {};
    };
}

std::uintmax_t file_size_or_zero(const std::string& path) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : size;
}

} // namespace

TEST_CASE("checkpointer: under steady commits the log starts over instead of growing") {
    test_dir dir;
    {
        auto db = open_database(dir.db(), access::read_write);
        db->exec(notes_schema);
    }
    constexpr int commits = 600;
    constexpr int per_commit = 20; // about as many pages dirtied, once the index is deep
    writer::options opts;
    opts.checkpoint_pages = 200;
    writer w(dir.db(), opts);
    std::uintmax_t longest_log = 0;
    for (int i = 0; i < commits; ++i) {
        REQUIRE(w.run(add_notes(per_commit)));
        longest_log = std::max(longest_log, file_size_or_zero(dir.db() + "-wal"));
    }
    auto totals = w.checkpoint_totals();
    CHECK(totals.passes >= 1);
    CHECK(totals.writer_passes >= 1);
    // Without a checkpoint the log would hold every commit's pages, over 12,000 frames; here
    // it starts over after each round of passes, a few hundred frames past the 200-page mark
    // (the commits come back to back, as fast as the passes copy).
    constexpr std::uintmax_t frame_bytes = 4096 + 24;
    MESSAGE("longest log: " << longest_log / frame_bytes << " frames; passes " << totals.passes
                            << ", by the writer " << totals.writer_passes);
    CHECK(longest_log < 2000 * frame_bytes);
    w.stop();
    auto db = open_database(dir.db(), access::read_only);
    CHECK(db->execAndGet("SELECT count(*) FROM notes").getInt64() == commits * per_commit);
    CHECK(db->execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("checkpointer: the servers of one disk share a lock file for their turns") {
    test_dir dir;
    writer w(dir.db());
    struct stat st {};
    REQUIRE(::stat(dir.db().c_str(), &st) == 0);
    auto lock = std::filesystem::temp_directory_path() /
                ("asamblea-checkpoint-" + std::to_string(st.st_dev) + ".lock");
    CHECK(std::filesystem::exists(lock));
    // Anyone's servers may take turns with it.
    CHECK((std::filesystem::status(lock).permissions() & std::filesystem::perms::others_write) !=
          std::filesystem::perms::none);
}

TEST_CASE("paced checkpoint VFS: a checkpoint's copies reach the disk a few pages at a time") {
    test_dir dir;
    auto db = open_database(dir.db(), access::read_write);
    db->exec("PRAGMA wal_autocheckpoint=0"); // every frame stays in the log for the pass below
    db->exec(notes_schema);
    {
        SQLite::Transaction t(*db);
        SQLite::Statement ins(*db, "INSERT INTO notes (k, payload) VALUES (hex(randomblob(16)), "
                                   "randomblob(200))");
        for (int i = 0; i < 3000; ++i) {
            ins.exec();
            ins.reset();
        }
        t.commit();
    }
    SQLite::Database paced(dir.db(), SQLite::OPEN_READWRITE, 5000, paced_checkpoint_vfs_name());
    auto before = paced_checkpoint_stats();
    paced.exec("PRAGMA wal_checkpoint(PASSIVE)");
    auto after = paced_checkpoint_stats();
    auto writes = after.page_writes - before.page_writes;
    auto syncs = after.paced_syncs - before.paced_syncs;
    CHECK(writes >= 150); // 3,000 rows of ~250 bytes and their index
    CHECK(syncs == writes / paced_checkpoint_pages);
    // The copy is whole: read through the paced connection after the log is set aside.
    db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    CHECK(paced.execAndGet("SELECT count(*) FROM notes").getInt64() == 3000);
    CHECK(paced.execAndGet("PRAGMA integrity_check").getString() == "ok");
}

} // namespace checkpointer_test
