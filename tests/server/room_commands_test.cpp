// app::assembly_command run by a real room: a store, rooms on a real io_context, no HTTP.

#include "../store/test_dir.hpp"
#include "app/assembly_command.hpp"
#include "server/api/app_context.hpp"
#include "server/auth/auth_service.hpp"
#include "server/metrics.hpp"
#include "server/rooms/room_registry.hpp"
#include "server/schema_registry.hpp"
#include "store/assembly_repo.hpp"
#include "store/clinic_repo.hpp"
#include "store/store.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

using namespace asamblea;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace room_commands_test {

namespace {

constexpr const char* with_assembly = "CSIMB000001";
constexpr const char* without_assembly = "CSIMB000002";

domain::status create_edition(store::store& db, int edition) {
    return db.writer().run([&](store::write_context& w) -> domain::status {
        store::create_assembly(w, with_assembly, edition, "2026-02-21T17:00:00.000Z", 2);
        return {};
    });
}

/// The context the handlers get, with two clinics and the 2026 assembly of the first.
struct helper_env {
    test_dir dir;
    store::store db{dir.str()};
    server::schema_registry schemas{std::string(ASAMBLEA_SOURCE_DIR) + "/schemas"};
    server::auth_service auth{db};
    server::metrics stats;
    boost::asio::io_context ioc;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{
        ioc.get_executor()};
    server::room_registry rooms{ioc.get_executor(), db};
    server::app_context ctx{db, schemas, auth, stats, rooms, "", {}};
    std::thread io{[this] { ioc.run(); }};

    helper_env() {
        auto ok = db.writer().run([](store::write_context& w) -> domain::status {
            store::upsert_clinics(w, {{with_assembly, "Centro de Salud Ocosingo", "Chiapas",
                                       "Ocosingo", "IMSS-BIENESTAR", 1, "Rural", 40000000},
                                      {without_assembly, "Centro de Salud Palenque", "Chiapas",
                                       "Palenque", "IMSS-BIENESTAR", 3, "Urbano", 80000000}});
            return {};
        });
        REQUIRE(ok);
        REQUIRE(create_edition(db, 2026));
    }
    ~helper_env() {
        // Rooms may have timers armed for pushes nobody is waiting for.
        work.reset();
        ioc.stop();
        io.join();
    }
};

domain::error refused() {
    return {domain::error_kind::conflict, "refused_in_write", "Rechazado.", "", 0};
}

} // namespace

TEST_CASE("a command on the current assembly: check, prepare and act see the current assembly") {
    helper_env e;
    std::atomic<int> checks{0};
    auto done = e.rooms.get(with_assembly)
                    ->run_sync(app::assembly_command<int>(
                        [&](SQLite::Database&, const store::assembly_row& a) -> domain::status {
                            CHECK(a.edition == 2026);
                            ++checks;
                            return {};
                        },
                        [](SQLite::Database&, const store::assembly_row& a) -> domain::result<int> {
                            return a.edition;
                        },
                        [](store::write_context&, const store::assembly_row& a,
                           int& event) -> domain::status {
                            CHECK(event == a.edition);
                            event = 7;
                            return {};
                        }));
    REQUIRE(done);
    CHECK(checks == 2); // once preparing, once inside the write
    CHECK(done->assembly.edition == 2026);
    CHECK(done->event == 7);
}

TEST_CASE("a command on the current assembly: the check inside the write is the final word") {
    helper_env e;
    std::atomic<int> checks{0};
    std::atomic<bool> acted{false};
    auto done =
        e.rooms.get(with_assembly)
            ->run_sync(app::assembly_command<int>(
                [&](SQLite::Database&, const store::assembly_row&) -> domain::status {
                    if (++checks == 2)
                        return std::unexpected(refused());
                    return {};
                },
                nullptr,
                [&](store::write_context&, const store::assembly_row&, int&) -> domain::status {
                    acted = true;
                    return {};
                }));
    REQUIRE_FALSE(done);
    CHECK(done.error().code == "refused_in_write");
    CHECK(checks == 2);
    CHECK_FALSE(acted);
}

TEST_CASE(
    "a command on the current assembly: a newer edition created meanwhile refuses the write") {
    helper_env e;
    std::atomic<bool> acted{false};
    auto done =
        e.rooms.get(with_assembly)
            ->run_sync(app::assembly_command<int>(
                nullptr,
                [&](SQLite::Database&, const store::assembly_row&) -> domain::result<int> {
                    // Commits before this command's write is queued.
                    if (auto ok = create_edition(e.db, 2027); !ok)
                        return std::unexpected(ok.error());
                    return 0;
                },
                [&](store::write_context&, const store::assembly_row&, int&) -> domain::status {
                    acted = true;
                    return {};
                }));
    REQUIRE_FALSE(done);
    CHECK(done.error().code == "assembly_changed");
    CHECK_FALSE(acted);
}

TEST_CASE("a command on the current assembly: no assembly, nothing runs") {
    helper_env e;
    std::atomic<int> calls{0};
    auto done =
        e.rooms.get(without_assembly)
            ->run_sync(app::assembly_command<int>(
                [&](SQLite::Database&, const store::assembly_row&) -> domain::status {
                    ++calls;
                    return {};
                },
                nullptr,
                [&](store::write_context&, const store::assembly_row&, int&) -> domain::status {
                    ++calls;
                    return {};
                }));
    REQUIRE_FALSE(done);
    CHECK(done.error().code == "no_assembly");
    CHECK(calls == 0);
}

} // namespace room_commands_test
