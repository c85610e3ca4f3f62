#include "store/audit_chain.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/writer.hpp"
#include "test_dir.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <future>
#include <memory>
#include <string>
#include <vector>

using namespace asamblea;
using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace statement_cache_test {

namespace {

// A command that writes through the writer's cached statements, as a ballot does.
writer::command cached_note(std::string text, bool fail_after_write = false) {
    return [text, fail_after_write](write_context& ctx) -> domain::status {
        auto& ins = ctx.statement("INSERT INTO cached_notes (text) VALUES (?)");
        ins.bind(1, text);
        ins.exec();
        ctx.audit("cached_note", "", {{"text", text}});
        auto& count = ctx.statement("SELECT count(*) FROM cached_notes");
        if (!count.executeStep()) // left mid-step on purpose: the writer resets it
            return domain::fail(domain::error_kind::internal, "no_row", "count returned no row");
        if (fail_after_write)
            return domain::fail(domain::error_kind::conflict, "nope", "rolled back");
        return {};
    };
}

std::vector<std::string> cached_notes(const std::string& path) {
    auto db = open_database(path, access::read_only);
    std::vector<std::string> out;
    SQLite::Statement q(*db, "SELECT text FROM cached_notes ORDER BY rowid");
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

} // namespace

TEST_CASE("cached statements are reused across batches and roll back with their command") {
    test_dir dir;
    {
        writer w(dir.db());
        REQUIRE(w.run([](write_context& ctx) -> domain::status {
            ctx.db().exec("CREATE TABLE cached_notes (text TEXT NOT NULL)");
            return {};
        }));
        // Same statements in one batch, in a later batch, and in a failing command between them.
        std::vector<std::future<domain::status>> waits;
        for (int i = 0; i < 50; ++i) {
            auto p = std::make_shared<std::promise<domain::status>>();
            waits.push_back(p->get_future());
            std::string text = "n";
            text += std::to_string(i);
            REQUIRE(
                w.submit(cached_note(text, i == 25), [p](domain::status s) { p->set_value(s); }));
        }
        for (int i = 0; i < 50; ++i)
            CHECK(static_cast<bool>(waits[static_cast<std::size_t>(i)].get()) == (i != 25));
        CHECK(w.run(cached_note("after")));
        CHECK_FALSE(w.run(cached_note("failed-alone", true)));
        CHECK(w.run(cached_note("last")));
    }
    auto rows = cached_notes(dir.db());
    REQUIRE(rows.size() == 51);
    CHECK(rows.front() == "n0");
    CHECK(std::find(rows.begin(), rows.end(), "n25") == rows.end());
    CHECK(std::find(rows.begin(), rows.end(), "failed-alone") == rows.end());
    CHECK(rows.back() == "last");
    // The audit chain skipped the rolled-back events and still verifies.
    auto db = open_database(dir.db(), access::read_only);
    auto check = verify_chains(*db);
    CHECK(check.ok());
    CHECK(check.events() == 51);
}

TEST_CASE("a write_context without the writer's cache still prepares statements") {
    test_dir dir;
    auto db = open_database(dir.db(), access::read_write);
    migrate(*db);
    db->exec("CREATE TABLE t (x INTEGER)");
    audit_chain chain(*db);
    write_context ctx(*db, chain, "2026-02-21T17:00:00.000Z");
    for (int i = 0; i < 3; ++i) {
        auto& ins = ctx.statement("INSERT INTO t (x) VALUES (?)");
        ins.bind(1, i);
        ins.exec();
    }
    CHECK(db->execAndGet("SELECT sum(x) FROM t").getInt() == 3);
}

} // namespace statement_cache_test
