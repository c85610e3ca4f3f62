#include "store/audit_chain.hpp"
#include "store/database.hpp"
#include "store/writer.hpp"
#include "test_dir.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

using namespace asamblea;
using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace writer_test {

namespace {

// Every test writes to a scratch table so it exercises the writer, not a repository.
writer::command insert_note(std::string text) {
    return [text](write_context& ctx) -> domain::status {
        ctx.db().exec("CREATE TABLE IF NOT EXISTS notes (text TEXT NOT NULL)");
        SQLite::Statement ins(ctx.db(), "INSERT INTO notes (text) VALUES (?)");
        ins.bind(1, text);
        ins.exec();
        ctx.audit("note", "", {{"text", text}});
        return {};
    };
}

std::vector<std::string> notes(const std::string& path) {
    auto db = open_database(path, access::read_only);
    std::vector<std::string> out;
    SQLite::Statement q(*db, "SELECT text FROM notes ORDER BY rowid");
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

struct batch_log {
    std::mutex mutex;
    std::vector<std::size_t> sizes;
    writer::batch_observer observer() {
        return [this](std::size_t n, std::chrono::nanoseconds) {
            std::lock_guard lock(mutex);
            sizes.push_back(n);
        };
    }
};

} // namespace

TEST_CASE("concurrent commands share batches and all complete after commit") {
    test_dir dir;
    batch_log log;
    std::atomic<int> completed{0};
    {
        writer w(dir.db());
        w.set_observer(log.observer());
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 50; ++i) {
                    auto s = w.run(insert_note(std::to_string(t) + ":" + std::to_string(i)));
                    CHECK(s.has_value());
                    ++completed;
                }
            });
        for (auto& th : threads)
            th.join();
    }
    CHECK(completed == 400);
    CHECK(notes(dir.db()).size() == 400);
    std::size_t total = 0;
    std::size_t largest = 0;
    for (auto n : log.sizes) {
        total += n;
        largest = std::max(largest, n);
    }
    CHECK(total == 400);
    // Eight threads each waiting on their own commit must have been grouped together.
    CHECK(largest > 1);
    CHECK(log.sizes.size() < 400);
}

TEST_CASE("the writer waits for company only while company has been coming") {
    // With a wait of an hour a lone caller's writes would never complete if each waited: they
    // do, one batch each. A batch with company brings the wait back, and the next lone command
    // then waits for the ones submitted after it.
    test_dir dir;
    batch_log log;
    writer::options opts;
    opts.max_delay = std::chrono::hours(1);
    opts.enough_company = 2;
    writer w(dir.db(), opts);
    w.set_observer(log.observer());
    for (int i = 0; i < 3; ++i)
        REQUIRE(w.run(insert_note("alone " + std::to_string(i))));
    {
        std::lock_guard lock(log.mutex);
        CHECK(log.sizes == std::vector<std::size_t>{1, 1, 1});
    }

    std::promise<void> gate;
    auto gate_future = gate.get_future().share();
    std::promise<void> holding;
    REQUIRE(w.submit(
        [&holding, gate_future](write_context&) -> domain::status {
            holding.set_value();
            gate_future.wait();
            return {};
        },
        nullptr));
    holding.get_future().wait(); // the writer holds the gate's batch: the next two queue
    REQUIRE(w.submit(insert_note("queued a"), nullptr));
    REQUIRE(w.submit(insert_note("queued b"), nullptr));
    gate.set_value();
    // Had the writer not waited after the batch of two, «waiting» would go alone.
    while (w.queue_depth() > 0)
        std::this_thread::yield();
    REQUIRE(w.submit(insert_note("waiting"), nullptr));
    REQUIRE(w.run(insert_note("company")));
    w.stop();
    std::lock_guard lock(log.mutex);
    CHECK(log.sizes == std::vector<std::size_t>{1, 1, 1, 1, 2, 2});
}

TEST_CASE("what a completion asks to run after the batch runs once every completion has run") {
    // A room hands on all of its commits of one batch together (server rooms/room).
    test_dir dir;
    writer::options opts;
    opts.always_wait = true;
    opts.max_delay = std::chrono::hours(1);
    opts.enough_company = 3;
    writer w(dir.db(), opts);
    std::vector<std::string> order; // writer thread only, read after stop
    std::promise<void> batch_done;
    for (int i = 0; i < 3; ++i)
        REQUIRE(w.submit(insert_note("n" + std::to_string(i)), [&, i](domain::status s) {
            CHECK(s.has_value());
            order.push_back("done " + std::to_string(i));
            if (i == 0)
                w.after_completions([&] {
                    order.push_back("after");
                    batch_done.set_value();
                });
        }));
    batch_done.get_future().wait();
    w.stop();
    CHECK(order == std::vector<std::string>{"done 0", "done 1", "done 2", "after"});
}

TEST_CASE("a failing command rolls back alone and its batch-mates commit") {
    test_dir dir;
    batch_log log;
    writer::options opts;
    opts.max_delay = std::chrono::milliseconds(300); // long enough that all three share one batch
    opts.always_wait = true;
    writer w(dir.db(), opts);
    w.set_observer(log.observer());
    std::promise<domain::status> a, b, c, d;
    REQUIRE(w.submit(insert_note("first"), [&](domain::status s) { a.set_value(s); }));
    REQUIRE(w.submit(
        [](write_context& ctx) -> domain::status {
            (void)insert_note("refused")(ctx);
            return domain::fail(domain::error_kind::conflict, "nope", "No.");
        },
        [&](domain::status s) { b.set_value(s); }));
    REQUIRE(w.submit(
        [](write_context& ctx) -> domain::status {
            (void)insert_note("threw")(ctx);
            throw std::runtime_error("boom");
        },
        [&](domain::status s) { c.set_value(s); }));
    REQUIRE(w.submit(insert_note("last"), [&](domain::status s) { d.set_value(s); }));
    CHECK(a.get_future().get().has_value());
    auto refused = b.get_future().get();
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == "nope");
    auto threw = c.get_future().get();
    REQUIRE_FALSE(threw.has_value());
    CHECK(threw.error().kind == domain::error_kind::internal);
    CHECK(d.get_future().get().has_value());
    w.stop();
    REQUIRE(log.sizes.size() == 1);
    CHECK(log.sizes[0] == 4);
    CHECK(notes(dir.db()) == std::vector<std::string>{"first", "last"});
    // The chain holds exactly the two committed events and still verifies.
    auto db = open_database(dir.db(), access::read_only);
    auto check = verify_chains(*db);
    CHECK(check.ok());
    CHECK(check.events() == 2);
}

TEST_CASE("a constraint refused by a cached statement fails its command alone") {
    // Repositories run their statements through ctx.statement (cached and reused); one that
    // throws on a UNIQUE constraint must not leave the batch unable to roll back to its savepoint.
    test_dir dir;
    batch_log log;
    writer::options opts;
    opts.max_delay = std::chrono::milliseconds(300); // long enough that all three share one batch
    opts.always_wait = true;
    writer w(dir.db(), opts);
    w.set_observer(log.observer());
    REQUIRE(w.run([](write_context& ctx) -> domain::status {
        ctx.db().exec("CREATE TABLE keys (k TEXT NOT NULL UNIQUE)");
        return {};
    }));
    auto insert_key = [](std::string k) {
        return [k](write_context& ctx) -> domain::status {
            auto& ins = ctx.statement("INSERT INTO keys (k) VALUES (?)");
            ins.bind(1, k);
            ins.exec();
            ctx.audit("key", "", {{"k", k}});
            return {};
        };
    };
    std::promise<domain::status> a, b, c;
    REQUIRE(w.submit(insert_key("uno"), [&](domain::status s) { a.set_value(s); }));
    REQUIRE(w.submit(insert_key("uno"), [&](domain::status s) { b.set_value(s); }));
    REQUIRE(w.submit(insert_key("dos"), [&](domain::status s) { c.set_value(s); }));
    CHECK(a.get_future().get().has_value());
    auto refused = b.get_future().get();
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().kind == domain::error_kind::internal);
    CHECK(c.get_future().get().has_value());
    w.stop();
    REQUIRE(log.sizes.size() == 2);
    CHECK(log.sizes[1] == 3);
    auto db = open_database(dir.db(), access::read_only);
    CHECK(db->execAndGet("SELECT group_concat(k, ',') FROM keys").getString() == "uno,dos");
    CHECK(verify_chains(*db).events() == 2);
}

TEST_CASE("a command completed before a crash is in the database after reopening") {
    test_dir dir;
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(fds[0]);
        writer w(dir.db());
        auto s = w.run(insert_note("durable"));
        char ok = s ? 'y' : 'n';
        (void)!write(fds[1], &ok, 1);
        // Die without any destructor, flush or shutdown, as a power cut or OOM kill would.
        std::raise(SIGKILL);
        _exit(3);
    }
    close(fds[1]);
    char acked = 0;
    REQUIRE(read(fds[0], &acked, 1) == 1);
    close(fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    CHECK(acked == 'y');
    writer reopened(dir.db()); // recovers the WAL
    CHECK(notes(dir.db()) == std::vector<std::string>{"durable"});
}

TEST_CASE("submissions past the queue limit or after stop are refused, not run") {
    test_dir dir;
    writer::options opts;
    opts.max_queue = 2;
    opts.max_delay = std::chrono::milliseconds(200);
    writer w(dir.db(), opts);
    std::promise<void> gate;
    auto gate_future = gate.get_future().share();
    // The first command holds the writer thread, so the next ones stay queued.
    REQUIRE(w.submit(
        [gate_future](write_context&) -> domain::status {
            gate_future.wait();
            return {};
        },
        nullptr));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    REQUIRE(w.submit(insert_note("a"), nullptr));
    REQUIRE(w.submit(insert_note("b"), nullptr));
    auto refused = w.submit(insert_note("c"), nullptr);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == domain::error_kind::too_many);
    CHECK(w.queue_depth() == 2);
    gate.set_value();
    w.stop();
    auto late = w.submit(insert_note("late"), nullptr);
    REQUIRE_FALSE(late);
    CHECK(late.error().kind == domain::error_kind::unavailable);
    CHECK(notes(dir.db()) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("verify_chains detects a tampered event and names it") {
    test_dir dir;
    {
        writer w(dir.db());
        for (int i = 0; i < 5; ++i)
            REQUIRE(w.run(insert_note("n" + std::to_string(i))));
    }
    auto db = open_database(dir.db(), access::read_write);
    CHECK(verify_chains(*db).ok());
    db->exec("UPDATE audit_events SET payload = '{\"text\":\"forged\"}' WHERE seq = 3");
    auto check = verify_chains(*db);
    CHECK_FALSE(check.ok());
    REQUIRE(check.chains.size() == 1);
    CHECK(check.chains[0].first_bad_seq == 3);
}

} // namespace writer_test
