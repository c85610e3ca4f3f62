// The live result a room shows while a round is open: the hot state keeps each option's votes
// as ballots are counted and replaced, and its tally must be the one its counted ballots give,
// after every ballot and after a reload from the store.
#include "app/rounds.hpp"
#include "domain/ballot_limit.hpp"
#include "domain/round.hpp"
#include "open_election.hpp"
#include "store/round_repo.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace asamblea;
using asamblea::test::run_command;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace live_result_test {

namespace {

const std::vector<std::string> candidates = {"ana", "beto", "carla", "dora"};

// The tally of the round's counted ballots as the store holds them, counted from scratch.
domain::round_result from_store(test::open_election& e) {
    auto db = e.s.readers().acquire();
    auto row = store::find_round(*db, e.round_id);
    REQUIRE(row);
    std::vector<std::vector<std::uint32_t>> picks;
    for (const auto& b : store::counted_ballots(*db, e.round_id)) {
        auto p = domain::check_ballot(row->spec, b.choices);
        REQUIRE(p);
        picks.push_back(*p);
    }
    auto r =
        domain::tally_round(row->spec, picks, e.hot.info().attendance, e.hot.info().quorum_min);
    REQUIRE(r);
    return *r;
}

std::vector<std::int64_t> votes_of(const domain::round_result& r) {
    std::vector<std::int64_t> out;
    for (const auto& line : r.lines)
        out.push_back(line.votes);
    return out;
}

} // namespace

TEST_CASE("the live result follows every ballot and re-vote, and a reload counts the same") {
    test::open_election e(6, candidates);
    REQUIRE(run_command(e.s, e.clues, e.hot, app::set_live_results(e.round_id, true)));
    std::mt19937 rng(7);
    std::vector<std::int64_t> expected(candidates.size(), 0);
    std::vector<int> choice_of(6, -1);
    for (int i = 0; i < 40; ++i) {
        int person = static_cast<int>(rng() % 6);
        int pick = static_cast<int>(rng() % candidates.size());
        if (e.hot.ballots_sent(e.tag(person)) == domain::max_ballots_per_round)
            continue;
        REQUIRE(e.vote(person, "u" + std::to_string(i), {candidates[pick]}));
        if (choice_of[person] >= 0)
            --expected[choice_of[person]];
        ++expected[pick];
        choice_of[person] = pick;
        auto live = e.hot.live_result(*e.hot.round());
        REQUIRE(live);
        CHECK(votes_of(*live) == expected);
        auto fresh = from_store(e);
        CHECK(votes_of(*live) == votes_of(fresh));
        CHECK(live->summary == fresh.summary);
    }
    app::hot_state reloaded;
    {
        auto db = e.s.readers().acquire();
        reloaded.load(*db, e.clues);
    }
    auto live = reloaded.live_result(*reloaded.round());
    REQUIRE(live);
    CHECK(votes_of(*live) == expected);
}

} // namespace live_result_test
