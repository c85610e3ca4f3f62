#include "server/ws/outbox.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

using asamblea::server::outbox;
using asamblea::server::push_kind;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace outbox_test {

namespace {
constexpr auto reply = push_kind::reply;
constexpr auto snapshot = push_kind::snapshot;
constexpr auto progress = push_kind::progress;

std::shared_ptr<const std::string> msg(std::string text) {
    return std::make_shared<const std::string>(std::move(text));
}
} // namespace

TEST_CASE("a stalled reader's snapshots collapse to the newest, replies are kept") {
    outbox box({4, 16, 1 << 20});
    REQUIRE(box.push(msg("ack-1"), reply, false) == outbox::verdict::queued);
    for (int i = 0; i < 100; ++i)
        REQUIRE(box.push(msg("snapshot-" + std::to_string(i)), snapshot, true) ==
                outbox::verdict::queued);
    REQUIRE(box.push(msg("ack-2"), reply, true) == outbox::verdict::queued);
    // Bounded no matter how many snapshots arrived: the in-flight front, the newest snapshots, the
    // acks.
    CHECK(box.size() <= 6);
    std::vector<std::string> order;
    while (!box.empty()) {
        order.push_back(box.front());
        box.pop_front();
    }
    CHECK(order.front() == "ack-1");
    CHECK(order.back() == "ack-2");
    CHECK(std::find(order.begin(), order.end(), "snapshot-99") != order.end());
    CHECK(std::find(order.begin(), order.end(), "snapshot-0") == order.end());
    CHECK(box.bytes() == 0);
}

TEST_CASE("past the hard limits the client is to be dropped") {
    outbox by_count({2, 5, 1 << 20});
    outbox::verdict v = outbox::verdict::queued;
    for (int i = 0; i < 6; ++i)
        v = by_count.push(msg("reply"), reply, false);
    CHECK(v == outbox::verdict::drop_client);

    outbox by_bytes({2, 100, 1000});
    CHECK(by_bytes.push(msg(std::string(600, 'x')), reply, false) == outbox::verdict::queued);
    CHECK(by_bytes.push(msg(std::string(600, 'x')), reply, false) == outbox::verdict::drop_client);
}

TEST_CASE("clear keeps only the message being written") {
    outbox box({4, 16, 1 << 20});
    box.push(msg("in-flight"), reply, false);
    box.push(msg("later"), reply, true);
    box.clear(true);
    REQUIRE(box.size() == 1);
    CHECK(box.front() == "in-flight");
    box.clear(false);
    CHECK(box.empty());
    CHECK(box.bytes() == 0);
}

TEST_CASE("messages leave in the order they came, and a drained queue holds no memory") {
    outbox box({32, 256, 1 << 20});
    CHECK(box.spilled_capacity() == 0);
    for (int i = 0; i < 5; ++i)
        REQUIRE(box.push(msg("m" + std::to_string(i)), i % 2 == 0 ? snapshot : reply, i > 0) ==
                outbox::verdict::queued);
    CHECK(box.size() == 5);
    CHECK(box.spilled_capacity() > 0); // four behind the front
    for (int i = 0; i < 5; ++i) {
        REQUIRE_FALSE(box.empty());
        CHECK(box.front() == "m" + std::to_string(i));
        box.pop_front();
    }
    CHECK(box.empty());
    CHECK(box.bytes() == 0);
    CHECK(box.spilled_capacity() == 0);

    // One message at a time (an idle phone's usual traffic) never spills.
    box.push(msg("ack"), reply, false);
    CHECK(box.spilled_capacity() == 0);
    box.pop_front();
    CHECK(box.empty());
}

TEST_CASE("a front snapshot not yet being written collapses too") {
    outbox box({2, 16, 1 << 20});
    box.push(msg("snapshot-1"), snapshot, false);
    box.push(msg("snapshot-2"), snapshot, false);
    box.push(msg("snapshot-3"), snapshot, false); // past the soft count, nothing in flight
    REQUIRE(box.size() == 1);
    CHECK(box.front() == "snapshot-3");
    CHECK(box.bytes() == std::string("snapshot-3").size());
    CHECK(box.spilled_capacity() == 0);

    // In flight, the front stays even when replaceable; the ones behind it collapse.
    box.push(msg("snapshot-4"), snapshot, true);
    box.push(msg("snapshot-5"), snapshot, true);
    REQUIRE(box.size() == 2);
    CHECK(box.front() == "snapshot-3");
    box.pop_front();
    CHECK(box.front() == "snapshot-5");
}

TEST_CASE("a progress message takes the place of the one queued right before it, never of more") {
    outbox box({32, 256, 1 << 20});
    box.push(msg("ack"), reply, false);
    box.push(msg("progress-1"), progress, true);
    box.push(msg("progress-2"), progress, true); // the same figures, newer
    REQUIRE(box.size() == 2);
    CHECK(box.bytes() == std::string("ack").size() + std::string("progress-2").size());
    box.push(msg("snapshot-3"), snapshot, true);
    box.push(msg("progress-4"), progress, true); // completes snapshot-3: both stay
    box.push(msg("ack-2"), reply, true);
    box.push(msg("progress-5"), progress, true); // an ack between: nothing to replace
    std::vector<std::string> order;
    while (!box.empty()) {
        order.push_back(box.front());
        box.pop_front();
    }
    CHECK(order == std::vector<std::string>{"ack", "progress-2", "snapshot-3", "progress-4",
                                            "ack-2", "progress-5"});
    CHECK(box.bytes() == 0);

    // The one being written stays as it is.
    box.push(msg("progress-6"), progress, false);
    box.push(msg("progress-7"), progress, true);
    REQUIRE(box.size() == 2);
    CHECK(box.front() == "progress-6");
    // Not in flight (queued, the write not started): replaced.
    outbox idle({32, 256, 1 << 20});
    idle.push(msg("progress-8"), progress, false);
    idle.push(msg("progress-9"), progress, false);
    REQUIRE(idle.size() == 1);
    CHECK(idle.front() == "progress-9");
}

TEST_CASE("past the soft count a snapshot drops the progress messages waiting before it") {
    outbox box({3, 16, 1 << 20});
    box.push(msg("snapshot-1"), snapshot, false);
    box.push(msg("progress-2"), progress, true);
    box.push(msg("ack"), reply, true);
    // At the soft count: progress-2 goes; snapshot-1 (in flight) and the ack stay.
    box.push(msg("snapshot-3"), snapshot, true);
    REQUIRE(box.size() == 3);
    std::vector<std::string> order;
    while (!box.empty()) {
        order.push_back(box.front());
        box.pop_front();
    }
    CHECK(order == std::vector<std::string>{"snapshot-1", "ack", "snapshot-3"});
}

} // namespace outbox_test
