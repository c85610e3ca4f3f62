// Rounds and ballots as a room runs them (tests/app/run_command.hpp), against a real store.
#include "app/assemblies.hpp"
#include "app/ballots.hpp"
#include "app/rounds.hpp"
#include "assembly_session.hpp"
#include "run_command.hpp"
#include "store/attendee_repo.hpp"
#include "store/round_repo.hpp"

#include <doctest/doctest.h>

using namespace asamblea;
using asamblea::test::run_command;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace rounds_test {

namespace {

constexpr const char* clues = test::assembly_session::clues;

using session = test::assembly_session;

} // namespace

TEST_CASE("a ballot counts once per person; the close tallies what was committed") {
    session room(3);
    auto round = room.election({"ana", "beto"});
    REQUIRE(round);
    auto id = round->round_id;
    CHECK(room.vote(0, id, "b0", {"ana"}).error().code == "round_closed");
    REQUIRE(run_command(room.s, clues, room.hot, app::open_round(id, 0, false)));
    REQUIRE(room.vote(0, id, "b0", {"ana"}));
    REQUIRE(room.vote(1, id, "b1", {"beto"}));
    REQUIRE(room.vote(1, id, "b2", {"ana"})); // a re-vote replaces the first
    CHECK(room.vote(2, id, "b3", {"nadie"}).error().field == "choices");
    CHECK(room.hot.counted() == 2);
    REQUIRE(run_command(room.s, clues, room.hot, app::close_round(id)));
    CHECK(run_command(room.s, clues, room.hot, app::close_round(id)).error().code ==
          "round_not_open");
    auto db = room.s.readers().acquire();
    auto row = store::find_round(*db, id);
    REQUIRE(row->result);
    CHECK(row->result->ballots == 2);
    CHECK(row->result->present == 3);
    CHECK(row->result->tally.lines[0].votes == 2);
    CHECK(row->result->tally.lines[0].selected);
}

TEST_CASE("a close that cannot be written leaves the round open for ballots") {
    session room(1);
    auto round = room.election({"ana", "beto"});
    REQUIRE(round);
    REQUIRE(run_command(room.s, clues, room.hot, app::open_round(round->round_id, 0, false)));
    auto close = app::close_round(round->round_id);
    close.persist = [](store::write_context&, const std::string&, app::round_event&) {
        return domain::status(domain::fail(domain::error_kind::internal, "store_error", "x"));
    };
    CHECK_FALSE(run_command(room.s, clues, room.hot, std::move(close)));
    CHECK(room.hot.round_open());
    CHECK(room.vote(0, round->round_id, "b0", {"ana"}));
}

TEST_CASE(
    "opening needs the session, quorum or the moderator's confirmation, one round at a time") {
    session room(2, 5);
    auto first = room.election({"ana", "beto"});
    auto second = room.election({"carla", "dora"});
    REQUIRE(first);
    REQUIRE(second);
    CHECK(run_command(room.s, clues, room.hot, app::open_round(first->round_id, 0, false))
              .error()
              .code == "sin_quorum");
    REQUIRE(run_command(room.s, clues, room.hot, app::open_round(first->round_id, 60, true)));
    CHECK(run_command(room.s, clues, room.hot, app::open_round(second->round_id, 0, true))
              .error()
              .code == "another_round_open");
    CHECK(run_command(room.s, clues, room.hot, app::cancel_round(first->round_id)).error().code ==
          "round_open");
}

TEST_CASE("a tied single-seat election gets one runoff among the tied") {
    session room(2);
    auto round = room.election({"ana", "beto", "carla"});
    REQUIRE(round);
    auto id = round->round_id;
    CHECK(run_command(room.s, clues, room.hot, app::create_runoff(id)).error().code ==
          "round_not_closed");
    REQUIRE(run_command(room.s, clues, room.hot, app::open_round(id, 0, false)));
    REQUIRE(room.vote(0, id, "b0", {"ana"}));
    REQUIRE(room.vote(1, id, "b1", {"beto"}));
    REQUIRE(run_command(room.s, clues, room.hot, app::close_round(id)));
    auto runoff = run_command(room.s, clues, room.hot, app::create_runoff(id));
    REQUIRE(runoff);
    CHECK(runoff->spec.options.size() == 2);
    CHECK(runoff->spec.runoff_of == id);
    CHECK(run_command(room.s, clues, room.hot, app::create_runoff(id)).error().code ==
          "runoff_exists");
}

} // namespace rounds_test
