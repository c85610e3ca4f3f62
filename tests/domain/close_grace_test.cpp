// Closing a round waits a short grace for votes still in flight, never longer.
#include "domain/close_grace.hpp"

#include <doctest/doctest.h>

namespace close_grace_test {

using namespace asamblea::domain;
using std::chrono::milliseconds;

TEST_CASE("a close waits only while a vote is in flight and a grace is set") {
    CHECK_FALSE(close_must_wait(0, milliseconds(5000)));
    CHECK(close_must_wait(1, milliseconds(5000)));
    CHECK(close_must_wait(12, default_close_grace));
    CHECK_FALSE(close_must_wait(3, milliseconds(0)));
}

TEST_CASE("a waiting close ends when the last vote arrives or the grace is over") {
    CHECK_FALSE(close_now(2, milliseconds(0), milliseconds(5000)));
    CHECK_FALSE(close_now(1, milliseconds(4999), milliseconds(5000)));
    CHECK(close_now(0, milliseconds(10), milliseconds(5000)));
    CHECK(close_now(1, milliseconds(5000), milliseconds(5000)));
    CHECK(close_now(1, milliseconds(9000), milliseconds(5000)));
}

TEST_CASE("the default grace is short and within the bound") {
    CHECK(default_close_grace.count() > 0);
    CHECK(default_close_grace <= max_close_grace);
}

} // namespace close_grace_test
