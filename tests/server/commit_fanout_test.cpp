// A writer batch's commits reach their rooms in one handler of the rooms' context, not one per
// room (server/rooms/commit_fanout): one wake-up of the rooms thread per batch.

#include "../store/test_dir.hpp"
#include "server/rooms/commit_fanout.hpp"
#include "server/rooms/room.hpp"
#include "store/clinic_repo.hpp"
#include "store/store.hpp"

#include <boost/asio/io_context.hpp>
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace asamblea;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace commit_fanout_test {

namespace {

const std::vector<std::string> clinics = {"CSIMB000001", "CSIMB000002", "CSIMB000003"};

store::store::options one_batch() {
    store::store::options o;
    o.writes.max_delay = std::chrono::milliseconds(300); // the three commands share one batch
    o.writes.always_wait = true;
    return o;
}

// A command that writes nothing and changes only the ballot figures (no reload after it).
app::command<int> noop() {
    return {.prepare = [](app::scope&) -> domain::result<int> { return 1; },
            .persist = [](store::write_context&, const std::string&, int&) -> domain::status {
                return {};
            },
            .apply = [](app::hot_state&, const int&) { return app::after_commit{.reload = false}; },
            .abandon = {},
            .finish = {}};
}

// Runs one command in each of three rooms (all in one writer batch) and returns how many
// handlers the rooms' context ran to hand them their commits. `shared`: the rooms share one
// fan-out, as the registry's do; else each makes its own.
std::size_t handlers_for_one_batch(bool shared) {
    test_dir dir;
    store::store db(dir.str(), one_batch());
    REQUIRE(db.writer().run([](store::write_context& w) -> domain::status {
        for (const auto& c : clinics)
            store::upsert_clinics(w, {{c, "Centro de Salud", "Chiapas", "Ocosingo",
                                       "IMSS-BIENESTAR", 1, "Rural", 40000000}});
        return {};
    }));
    boost::asio::io_context ioc;
    auto fanout =
        shared ? std::make_shared<server::commit_fanout>(ioc.get_executor(), db.writer()) : nullptr;
    std::vector<std::shared_ptr<server::room>> rooms;
    int done = 0;
    for (const auto& c : clinics) {
        rooms.push_back(
            std::make_shared<server::room>(ioc.get_executor(), c, db, domain::default_close_grace,
                                           server::room::default_voter_progress, nullptr, fanout));
        rooms.back()->run<int>(noop(), [&done](domain::result<int> r) {
            CHECK(r.has_value());
            ++done;
        });
    }
    // Each room prepares and queues its command: three handlers, on this thread.
    REQUIRE(ioc.poll() == 3);
    ioc.restart();
    // Then the batch commits, and its commits come back.
    std::size_t ran = 0;
    for (int i = 0; i < 500 && done < 3; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        ran += ioc.poll();
        ioc.restart();
    }
    CHECK(done == 3);
    return ran;
}

} // namespace

TEST_CASE("a batch's commits reach their rooms in one handler") {
    CHECK(handlers_for_one_batch(true) == 1);
    // A fan-out per room posts per room: what the check above would see if rooms stopped sharing.
    CHECK(handlers_for_one_batch(false) == 3);
}

} // namespace commit_fanout_test
