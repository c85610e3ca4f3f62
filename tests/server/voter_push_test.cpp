// What a voter's phone gets at a push (server/rooms/voter_push): the snapshot whenever it may
// have missed a state change, a progress message when only ballots moved, nothing when it is
// current. The integration side is tests/server/voter_progress_test.cpp.
#include "app/hot_state.hpp"
#include "server/rooms/voter_push.hpp"
#include "server/views/snapshot_view.hpp"
#include "server/ws/snapshot_filter.hpp"

#include <doctest/doctest.h>

using asamblea::server::next_voter_push;
using asamblea::server::voter_push;
using asamblea::server::voter_seen;

TEST_CASE("a phone that never got a snapshot gets the snapshot, round or not") {
    CHECK(next_voter_push({}, 0, 10, true) == voter_push::snapshot);
    CHECK(next_voter_push({}, 10, 10, false) == voter_push::snapshot);
    // Even if something was sent (cannot happen without a snapshot, but never progress then).
    CHECK(next_voter_push({0, 9}, 5, 10, true) == voter_push::snapshot);
}

TEST_CASE("a phone whose snapshot is older than the last state change gets the snapshot") {
    // Hidden while a round opened, then ballots came: shown again, progress would skip the open.
    CHECK(next_voter_push({4, 6}, 7, 9, true) == voter_push::snapshot);
    CHECK(next_voter_push({4, 4}, 5, 5, true) == voter_push::snapshot);
}

TEST_CASE("after the last state change, ballots only: progress, or nothing when current") {
    CHECK(next_voter_push({7, 7}, 7, 9, true) == voter_push::progress);
    CHECK(next_voter_push({7, 8}, 7, 9, true) == voter_push::progress);
    CHECK(next_voter_push({7, 9}, 7, 9, true) == voter_push::nothing);
    CHECK(next_voter_push({9, 9}, 7, 9, true) == voter_push::nothing);
    // Without a round there is nothing a progress message could say.
    CHECK(next_voter_push({7, 7}, 7, 9, false) == voter_push::snapshot);
}

TEST_CASE("no progress message without a round") {
    asamblea::app::hot_state state;
    state.bump();
    asamblea::server::snapshot_view view;
    CHECK(view.progress(state, {}).empty());
    std::string fields = "unchanged";
    view.append_ballot_fields(fields, state, {});
    CHECK(fields == "unchanged");
}

TEST_CASE("a progress message never makes a later snapshot look old to the connection's filter") {
    asamblea::server::snapshot_filter f;
    CHECK(f.admit(R"({"type":"snapshot","version":5,"round":null})"));
    CHECK(f.admit(R"({"type":"progress","version":9,"round_id":1,"ballots":3,"results":null})"));
    CHECK(f.last_version() == 5);
    CHECK(f.admit(R"({"type":"snapshot","version":6,"round":null})"));
}
