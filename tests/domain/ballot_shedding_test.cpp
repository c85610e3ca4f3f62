// A new ballot is shed past the writer's or the room's bound, and admitted below both.
#include "domain/ballot_shedding.hpp"

#include <doctest/doctest.h>

#include <string>

namespace ballot_shedding_test {

using namespace asamblea::domain;

TEST_CASE("below both bounds a ballot is admitted") {
    shed_bounds bounds{.writer_queue = 100, .room_backlog = 10};
    auto d = decide_ballot(bounds, 0, 0);
    CHECK_FALSE(d.shed());
    CHECK(d.reason == shed_reason::none);
    CHECK_FALSE(decide_ballot(bounds, 99, 9).shed());
}

TEST_CASE("at the writer's bound a ballot is shed, whatever the room holds") {
    shed_bounds bounds{.writer_queue = 100, .room_backlog = 10};
    auto d = decide_ballot(bounds, 100, 0);
    CHECK(d.shed());
    CHECK(d.reason == shed_reason::writer_queue);
    CHECK(d.retry_after == shed_retry_after);
    // Both past: the shared bound is named.
    CHECK(decide_ballot(bounds, 5000, 50).reason == shed_reason::writer_queue);
}

TEST_CASE("at the room's bound a ballot is shed while the writer has room") {
    shed_bounds bounds{.writer_queue = 100, .room_backlog = 10};
    auto d = decide_ballot(bounds, 3, 10);
    CHECK(d.shed());
    CHECK(d.reason == shed_reason::room_backlog);
    CHECK(d.retry_after.count() > 0);
}

TEST_CASE("a bound of 0 is off") {
    CHECK_FALSE(decide_ballot({.writer_queue = 0, .room_backlog = 10}, 1'000'000, 0).shed());
    CHECK_FALSE(decide_ballot({.writer_queue = 100, .room_backlog = 0}, 0, 1'000'000).shed());
    CHECK_FALSE(decide_ballot({.writer_queue = 0, .room_backlog = 0}, 1'000'000, 1'000'000).shed());
}

TEST_CASE("a bound of 1 sheds while anything is waiting") {
    shed_bounds bounds{.writer_queue = 1, .room_backlog = 1};
    CHECK_FALSE(decide_ballot(bounds, 0, 0).shed());
    CHECK(decide_ballot(bounds, 0, 1).reason == shed_reason::room_backlog);
    CHECK(decide_ballot(bounds, 1, 0).reason == shed_reason::writer_queue);
}

TEST_CASE("the defaults hold a few hundred milliseconds of the writer's work") {
    shed_bounds bounds;
    // Six full batches of 1,024 at ~28,000 ballots/s is ~220 ms: more than one batch, less than
    // a second even on a machine a third as fast.
    CHECK(bounds.writer_queue >= 2 * 1024);
    CHECK(bounds.writer_queue <= 9 * 1024);
    // A whole assembly of 300 phones voting at once is never shed by its room's bound.
    CHECK(bounds.room_backlog > 300);
    CHECK(bounds.room_backlog < bounds.writer_queue);
    CHECK(shed_retry_after.count() >= 250);
    CHECK(shed_retry_after.count() <= 2000);
}

TEST_CASE("the busy answer is retryable and names the reason's wait") {
    auto e = ballot_busy(std::chrono::milliseconds(750));
    CHECK(e.kind == error_kind::unavailable);
    CHECK(e.code == "busy");
    CHECK(e.retry_after_ms == 750);
    CHECK(e.message.find("voto") != std::string::npos);
    CHECK(std::string(shed_reason_name(shed_reason::writer_queue)) == "writer_queue");
    CHECK(std::string(shed_reason_name(shed_reason::room_backlog)) == "room_backlog");
    CHECK(std::string(shed_reason_name(shed_reason::none)) == "none");
}

} // namespace ballot_shedding_test
