// The cap on ballots per person and round (domain/ballot_limit) as the hot state keeps it:
// stored ballots and ballots on their way both count, a refused write gives its place back, a
// reload reads the stored ones again and keeps those on their way.
#include "app/ballots.hpp"
#include "domain/ballot_limit.hpp"
#include "open_election.hpp"
#include "run_command.hpp"

#include <doctest/doctest.h>

using namespace asamblea;
using asamblea::test::run_command;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace ballot_cap_test {

namespace {

constexpr const char* clues = test::open_election::clues;
constexpr int cap = domain::max_ballots_per_round;

using open_round = test::open_election;

} // namespace

TEST_CASE("stored ballots count toward the cap, resends do not, another person is apart") {
    open_round r;
    for (int i = 0; i < cap; ++i)
        REQUIRE(r.vote(0, "b" + std::to_string(i)));
    CHECK(r.hot.ballots_sent(r.tag(0)) == cap);
    auto over = r.vote(0, "over");
    REQUIRE_FALSE(over);
    CHECK(over.error().code == "too_many_ballots");
    auto resend = r.vote(0, "b3");
    REQUIRE(resend);
    CHECK(resend->duplicate);
    CHECK(r.vote(1, "other"));
    CHECK(r.hot.ballots_sent(r.tag(1)) == 1);
    CHECK(r.hot.counted() == 2);
}

TEST_CASE("ballots on their way count, and a refused write gives its place back") {
    open_round r;
    std::vector<app::command<app::prepared_ballot>> waiting;
    for (int i = 0; i < cap; ++i) {
        waiting.push_back(r.ballot(0, "w" + std::to_string(i)));
        REQUIRE(r.prepare(waiting.back()));
    }
    auto one_more = r.ballot(0, "w-more");
    auto refused = r.prepare(one_more);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "too_many_ballots");
    // The writer refused one of them: its place is free again.
    waiting.front().abandon(r.hot);
    CHECK(r.hot.ballots_sent(r.tag(0)) == cap - 1);
    auto again = r.ballot(0, "w-again");
    CHECK(r.prepare(again));
    // A reload (another command committed) keeps what is on its way.
    {
        auto db = r.s.readers().acquire();
        r.hot.load(*db, clues);
        r.hot.reload_round(*db);
    }
    CHECK(r.hot.ballots_sent(r.tag(0)) == cap);
}

TEST_CASE("a state loaded from the store counts the ballots already stored") {
    open_round r;
    for (int i = 0; i < cap - 1; ++i)
        REQUIRE(r.vote(0, "s" + std::to_string(i)));
    app::hot_state fresh; // the room loaded again, after an unload or a restart
    {
        auto db = r.s.readers().acquire();
        fresh.load(*db, clues);
    }
    CHECK(fresh.ballots_sent(r.tag(0)) == cap - 1);
    REQUIRE(run_command(r.s, clues, fresh, r.ballot(0, "last")));
    auto over = run_command(r.s, clues, fresh, r.ballot(0, "over"));
    REQUIRE_FALSE(over);
    CHECK(over.error().code == "too_many_ballots");
}

} // namespace ballot_cap_test
