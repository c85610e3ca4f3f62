#include "app/hot_state.hpp"
#include "server/views/snapshot_view.hpp"
#include "server/ws/snapshot_filter.hpp"

#include <doctest/doctest.h>

using asamblea::server::snapshot_filter;
using asamblea::server::snapshot_version;

TEST_CASE("a snapshot's version is read from the start the room writes") {
    asamblea::app::hot_state state;
    state.bump();
    state.bump();
    asamblea::server::snapshot_view view;
    auto message = view.message(state);
    CHECK(snapshot_version(message) == state.version());
    CHECK(snapshot_version(R"({"type":"snapshot","version":42,"round":null})") == 42u);
    CHECK_FALSE(snapshot_version(R"({"type":"welcome","role":"public"})"));
    CHECK_FALSE(snapshot_version(R"({"type":"snapshot","version":})"));
    CHECK_FALSE(snapshot_version(R"({"type":"snapshot","version":12)"));
    CHECK_FALSE(snapshot_version(R"({"type":"snapshot","version":-3,"round":null})"));
    CHECK_FALSE(snapshot_version(""));
}

TEST_CASE("each snapshot version is admitted once, older ones never; other messages always") {
    auto snap = [](int v) {
        return R"({"type":"snapshot","version":)" + std::to_string(v) + R"(,"round":null})";
    };
    snapshot_filter f;
    CHECK(f.last_version() == 0);
    CHECK(f.admit(R"({"type":"welcome","role":"public"})"));
    CHECK(f.admit(snap(7)));       // the catch-up a hello gets
    CHECK_FALSE(f.admit(snap(7))); // the push that was already scheduled, same version
    CHECK(f.admit(R"({"type":"ack","ballot_id":"b1"})"));
    CHECK_FALSE(f.admit(snap(6)));
    CHECK(f.admit(snap(9)));
    CHECK(f.last_version() == 9);
    CHECK(f.admit(R"({"type":"pong"})"));
    CHECK(f.admit(R"({"type":"pong"})"));
}
