#include "domain/assembly/floor_queue.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

TEST_CASE("the speakers' queue keeps order and one open request per attendee") {
    floor_queue q;
    CHECK(q.ask({1, 100}));
    CHECK(q.ask({2, 200}));
    CHECK(q.ask({3, 300}));
    auto twice = q.ask({4, 100});
    REQUIRE_FALSE(twice);
    CHECK(twice.error().code == "already_waiting");
    CHECK(twice.error().kind == error_kind::conflict);
    CHECK(q.waiting().size() == 3);

    auto n = q.next();
    REQUIRE(n);
    CHECK_FALSE(n->ended);
    CHECK(n->started == 1);
    CHECK(q.current()->attendee_id == 100);
    auto speaking = q.ask({5, 100});
    REQUIRE_FALSE(speaking);
    CHECK(speaking.error().code == "already_speaking");

    auto given = q.give(3);
    REQUIRE(given);
    CHECK(given->ended == 1);
    CHECK(given->started == 3);
    CHECK(q.waiting().size() == 1);
    CHECK(q.waiting()[0].id == 2);
    CHECK(q.ask({6, 100})); // the first speaker may ask again once the turn ended

    auto wrong_done = q.done(2);
    REQUIRE_FALSE(wrong_done);
    CHECK(wrong_done.error().code == "not_speaking");
    auto d = q.done(3);
    REQUIRE(d);
    CHECK(d->ended == 3);
    CHECK_FALSE(d->started);
    CHECK_FALSE(q.current());
}

TEST_CASE("withdrawing, giving to unknown requests and an empty queue") {
    floor_queue q({floor_entry{9, 900}}, {{10, 1000}, {11, 1100}});
    auto w = q.withdraw(1000);
    REQUIRE(w);
    CHECK(*w == 10);
    auto again = q.withdraw(1000);
    REQUIRE_FALSE(again);
    CHECK(again.error().kind == error_kind::not_found);
    CHECK_FALSE(q.withdraw(900)); // the speaker is not waiting

    auto unknown = q.give(10);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().kind == error_kind::not_found);
    auto current = q.give(9);
    REQUIRE_FALSE(current);
    CHECK(current.error().code == "already_speaking");

    auto n = q.next();
    REQUIRE(n);
    CHECK(n->ended == 9);
    CHECK(n->started == 11);
    auto last = q.next(); // nobody waiting: only ends the current turn
    REQUIRE(last);
    CHECK(last->ended == 11);
    CHECK_FALSE(last->started);
    auto empty = q.next();
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == "queue_empty");
}

TEST_CASE("speaker time is bounded") {
    CHECK(default_speaker_seconds == 120);
    CHECK(check_speaker_seconds(120));
    CHECK(check_speaker_seconds(min_speaker_seconds));
    CHECK(check_speaker_seconds(max_speaker_seconds));
    auto low = check_speaker_seconds(min_speaker_seconds - 1);
    REQUIRE_FALSE(low);
    CHECK(low.error().field == "speaker_seconds");
    CHECK_FALSE(check_speaker_seconds(max_speaker_seconds + 1));
}
