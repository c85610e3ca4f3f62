#include "store/checkpointer.hpp"
#include "store/database.hpp"
#include "store/paced_checkpoint_vfs.hpp"
#include "store/writer.hpp"
#include "test_dir.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <limits>
#include <string>
#include <thread>

using namespace asamblea;
using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace checkpointer_test {

namespace {

constexpr const char* notes_schema =
    "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, k TEXT NOT NULL, "
    "payload BLOB NOT NULL); CREATE INDEX IF NOT EXISTS notes_by_k ON notes (k)";

// Rewrites `n` random rows of the first `rows`: the same pages again and again, as ballots
// dirty the same index pages of each open round.
writer::command update_notes(int n, int rows) {
    return [n, rows](write_context& ctx) -> domain::status {
        auto& upd = ctx.statement(
            "UPDATE notes SET payload = randomblob(250) WHERE id = abs(random()) % ? + 1");
        for (int i = 0; i < n; ++i) {
            upd.bind(1, rows);
            upd.exec();
            upd.reset();
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
    constexpr int rows = 2000; // about 150 pages of rows, the hot pages of this test
    {
        auto db = open_database(dir.db(), access::read_write);
        db->exec(notes_schema);
        db->exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                 std::to_string(rows) +
                 ") INSERT INTO notes (id, k, payload) SELECT i, i, randomblob(250) FROM n");
    }
    constexpr int commits = 600;
    constexpr int per_commit = 20; // rows changed, each on a random page of the table
    writer::options opts;
    opts.checkpoint_pages = 200;
    writer w(dir.db(), opts);
    std::uintmax_t longest_log = 0;
    for (int i = 0; i < commits; ++i) {
        REQUIRE(w.run(update_notes(per_commit, rows)));
        longest_log = std::max(longest_log, file_size_or_zero(dir.db() + "-wal"));
        // Steady, as a server's ballots come: at most 500 commits a second of up to 20
        // pages, while a pass copies at most 1,280 pages a second (paced_checkpoint_vfs).
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    auto totals = w.checkpoint_totals();
    CHECK(totals.passes >= 1);
    CHECK(totals.writer_passes >= 1);
    // Without a checkpoint the log would hold every commit's pages, 12,000 frames; here it
    // starts over once it is long (2.5 rounds of 200 pages) and a round's passes stop
    // gaining on the commits: a few rounds' worth of frames.
    constexpr std::uintmax_t frame_bytes = 4096 + 24;
    MESSAGE("longest log: " << longest_log / frame_bytes << " frames; rounds " << totals.rounds
                            << ", passes " << totals.passes << ", by the writer "
                            << totals.writer_passes);
    CHECK(longest_log < 8000 * frame_bytes);
    w.stop();
    auto db = open_database(dir.db(), access::read_only);
    CHECK(db->execAndGet("SELECT count(*) FROM notes").getInt64() == rows);
    CHECK(db->execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("checkpointer: a round passes once, until the log is long enough to start over") {
    using step = checkpointer::after_pass;
    constexpr int pages = 10'000;
    constexpr int first = std::numeric_limits<int>::max(); // no pass before in the round
    // A short log: one pass a round, whatever it left; the next round goes on from there.
    CHECK(checkpointer::next_step(10'500, 900, first, pages) == step::done);
    CHECK(checkpointer::next_step(20'100, 600, first, pages) == step::done);
    // Nothing left: the writer's next commit starts the log over by itself.
    CHECK(checkpointer::next_step(9'000, 0, first, pages) == step::done);
    // A few frames left: the writer copies them, at any length.
    CHECK(checkpointer::next_step(10'500, checkpointer::final_frames, first, pages) ==
          step::writer_copies_rest);
    // A long log: passes while what is left shrinks, then the writer copies the rest.
    CHECK(checkpointer::next_step(30'200, 900, first, pages) == step::pass_again);
    CHECK(checkpointer::next_step(30'500, 400, 900, pages) == step::pass_again);
    CHECK(checkpointer::next_step(30'700, 420, 400, pages) == step::writer_copies_rest);
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
    auto start = std::chrono::steady_clock::now();
    paced.exec("PRAGMA wal_checkpoint(PASSIVE)");
    auto took = std::chrono::steady_clock::now() - start;
    auto after = paced_checkpoint_stats();
    auto writes = after.page_writes - before.page_writes;
    auto syncs = after.paced_syncs - before.paced_syncs;
    CHECK(writes >= 150); // 3,000 rows of ~250 bytes and their index
    CHECK(syncs == writes / paced_checkpoint_pages);
    // After each sync a rest as long as the sync took (on any disk a sync of 32 written pages
    // takes some time), never longer than the cap.
    auto rested = after.rested - before.rested;
    CHECK(rested > std::chrono::nanoseconds::zero());
    CHECK(rested <= static_cast<int>(syncs) * paced_checkpoint_max_rest);
    // A group of pages never goes faster than one per interval, however fast the disk.
    CHECK(took >= static_cast<int>(syncs) * paced_checkpoint_group_interval);
    // The copy is whole: read through the paced connection after the log is set aside.
    db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    CHECK(paced.execAndGet("SELECT count(*) FROM notes").getInt64() == 3000);
    CHECK(paced.execAndGet("PRAGMA integrity_check").getString() == "ok");
}

} // namespace checkpointer_test
