// The cap on ballots per person and round (domain/ballot_limit) as the hot state keeps it:
// stored ballots and ballots on their way both count, a refused write gives its place back, a
// reload reads the stored ones again and keeps those on their way.
#include "app/assemblies.hpp"
#include "app/ballots.hpp"
#include "app/rounds.hpp"
#include "check_in.hpp"
#include "domain/ballot_limit.hpp"
#include "run_command.hpp"
#include "store/ballot_keys.hpp"
#include "store/clinic_repo.hpp"
#include "test_dir.hpp"

#include <doctest/doctest.h>

using namespace asamblea;
using asamblea::test::run_command;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace ballot_cap_test {

namespace {

constexpr const char* clues = "CSIMB000001";
constexpr int cap = domain::max_ballots_per_round;

/// An open election with two attendees.
struct open_round {
    test_dir dir;
    store::store s{dir.str()};
    app::hot_state hot;
    std::vector<std::int64_t> attendees, credentials;
    std::int64_t round_id = 0;

    open_round() {
        REQUIRE(s.writer().run([](store::write_context& w) -> domain::status {
            store::upsert_clinics(w,
                                  {domain::clinic{clues, "Centro de Salud", "Chiapas", "Ocosingo",
                                                  "IMSS-BIENESTAR", 2, "UMF", 60000000}});
            return {};
        }));
        REQUIRE(run_command(s, clues, hot,
                            app::create_assembly({2026, "2026-02-21T17:00:00.000Z", 0})));
        REQUIRE(run_command(
            s, clues, hot,
            app::transition_assembly(domain::assembly_state::registro, s.ballot_keys())));
        auto people = test::check_in(s, clues, hot.info().assembly_id, 2);
        attendees = people.attendees;
        credentials = people.credentials;
        REQUIRE(run_command(
            s, clues, hot,
            app::transition_assembly(domain::assembly_state::en_sesion, s.ballot_keys())));
        app::round_request r;
        r.kind = domain::round_kind::election;
        r.title = "Elección";
        r.options_given = true;
        r.options = {{"ana", "ana", 0, "", "", ""}, {"beto", "beto", 0, "", "", ""}};
        auto round = run_command(s, clues, hot, app::create_round(r));
        REQUIRE(round);
        round_id = round->round_id;
        REQUIRE(run_command(s, clues, hot, app::open_round(round_id, 0, false)));
    }

    std::string tag(int person) {
        auto t = app::voter_tag(s.ballot_keys(), hot.info().assembly_id,
                                attendees[static_cast<std::size_t>(person)], round_id, true);
        REQUIRE(t);
        return *t;
    }

    app::command<app::prepared_ballot> ballot(int person, const std::string& uid) {
        return app::cast_ballot(tag(person), credentials[static_cast<std::size_t>(person)],
                                round_id, uid, {"ana"}, "R-" + uid);
    }

    domain::result<app::prepared_ballot> vote(int person, const std::string& uid) {
        return run_command(s, clues, hot, ballot(person, uid));
    }

    // Prepared on the strand but not yet stored: what a ballot waiting for the writer is.
    domain::result<app::prepared_ballot> prepare(app::command<app::prepared_ballot>& cmd) {
        app::scope scope{clues, hot, s.readers()};
        return cmd.prepare(scope);
    }
};

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
