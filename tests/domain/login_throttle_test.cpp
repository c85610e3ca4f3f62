// Password guessing stays slow, but a stranger's failures never lock the real user out.
#include "domain/login_throttle.hpp"

#include <doctest/doctest.h>

namespace login_throttle_test {

using namespace asamblea::domain;
using std::chrono::seconds;
using reason = login_throttle::reason;

const auto t0 = login_throttle::clock::time_point{} + std::chrono::hours(1000);

TEST_CASE("a pair gets free failures, then a wait that doubles up to the maximum") {
    login_throttle t;
    for (int i = 0; i < 5; ++i) {
        CHECK(t.check("moderador", "10.0.0.9", t0));
        t.record_failure("moderador", "10.0.0.9", t0);
    }
    CHECK(t.check("moderador", "10.0.0.9", t0)); // five failures cost nothing yet
    t.record_failure("moderador", "10.0.0.9", t0);
    auto v = t.check("moderador", "10.0.0.9", t0);
    CHECK(v.why == reason::pair);
    CHECK(v.wait == seconds(2));
    t.record_failure("moderador", "10.0.0.9", t0 + seconds(2));
    CHECK(t.check("moderador", "10.0.0.9", t0 + seconds(2)).wait == seconds(4));
    CHECK(t.check("moderador", "10.0.0.9", t0 + seconds(6))); // the wait is over
    for (int i = 0; i < 20; ++i)
        t.record_failure("moderador", "10.0.0.9", t0 + seconds(10));
    CHECK(t.check("moderador", "10.0.0.9", t0 + seconds(10)).wait == seconds(300));
}

TEST_CASE("a stranger's failures do not block the account from another address") {
    login_throttle t;
    for (int i = 0; i < 40; ++i)
        t.record_failure("moderador", "203.0.113.7", t0);
    CHECK_FALSE(t.check("moderador", "203.0.113.7", t0));
    CHECK(t.check("moderador", "10.0.0.9", t0)); // the tablet
    CHECK(t.check("otra", "203.0.113.7", t0));   // the stranger, another account
}

TEST_CASE("a success clears the pair's failures") {
    login_throttle t;
    for (int i = 0; i < 6; ++i)
        t.record_failure("mod", "10.0.0.9", t0);
    CHECK_FALSE(t.check("mod", "10.0.0.9", t0));
    t.record_success("mod", "10.0.0.9", t0 + seconds(5));
    CHECK(t.check("mod", "10.0.0.9", t0 + seconds(5)));
    t.record_failure("mod", "10.0.0.9", t0 + seconds(5));
    CHECK(t.check("mod", "10.0.0.9", t0 + seconds(5)));
}

TEST_CASE("an account has an hourly ceiling across addresses, except where it logged in") {
    login_throttle::options o;
    o.account = {20, seconds(3600)};
    login_throttle t(o);
    t.record_success("mod", "10.0.0.9", t0); // the moderator's tablet
    for (int i = 0; i < 20; ++i)             // four failures from each of five addresses
        t.record_failure("mod", "198.51.100." + std::to_string(i / 4), t0);
    auto v = t.check("mod", "198.51.100.77", t0); // a new address: over the account's budget
    CHECK(v.why == reason::account);
    CHECK(v.wait == seconds(180));         // one failure's worth of refill: 3600 s / 20
    CHECK(t.check("mod", "10.0.0.9", t0)); // the tablet is not held back
    CHECK(t.check("mod", "198.51.100.77", t0 + seconds(181)));
}

TEST_CASE("an address has an hourly ceiling across accounts (spraying)") {
    login_throttle::options o;
    o.address = {10, seconds(3600)};
    login_throttle t(o);
    for (int i = 0; i < 10; ++i)
        t.record_failure("user" + std::to_string(i), "203.0.113.7", t0);
    auto v = t.check("user99", "203.0.113.7", t0);
    CHECK(v.why == reason::address);
    CHECK(v.wait == seconds(360));
    CHECK(t.check("user99", "10.0.0.9", t0));
}

TEST_CASE("guessing stays slow: one pair gets a few dozen guesses an hour") {
    login_throttle t;
    int guesses = 0;
    for (auto now = t0; now < t0 + std::chrono::hours(1); now += seconds(1))
        if (t.check("moderador", "203.0.113.7", now)) {
            t.record_failure("moderador", "203.0.113.7", now);
            ++guesses;
        }
    MESSAGE("guesses in an hour from one address for one account: " << guesses);
    CHECK(guesses >= 15);
    CHECK(guesses <= 30);
}

TEST_CASE("the tables are bounded: the least recently used entry goes first") {
    login_throttle::options o;
    o.max_keys = 50;
    login_throttle t(o);
    for (int i = 0; i < 6; ++i)
        t.record_failure("victim", "203.0.113.7", t0);
    for (int i = 0; i < 1000; ++i)
        t.record_failure("name" + std::to_string(i), "198.51.100." + std::to_string(i % 250),
                         t0 + seconds(1));
    auto s = t.count(t0 + seconds(1));
    CHECK(s.pair.keys <= 50);
    CHECK(s.account.keys <= 50);
    CHECK(s.address.keys <= 50);
    CHECK(t.check("victim", "203.0.113.7", t0 + seconds(1))); // evicted
}

TEST_CASE("entries are forgotten when quiet") {
    login_throttle t;
    for (int i = 0; i < 8; ++i)
        t.record_failure("mod", "203.0.113.7", t0);
    auto s = t.count(t0);
    CHECK(s.pair.keys == 1);
    CHECK(s.pair.throttled == 1);
    CHECK(s.address.keys == 1);
    auto later = t0 + std::chrono::hours(3);
    t.record_failure("other", "10.0.0.1", later); // a touch sweeps the stale entries
    s = t.count(later);
    CHECK(s.pair.keys == 1);
    CHECK(s.pair.throttled == 0);
    CHECK(t.check("mod", "203.0.113.7", later));
}

TEST_CASE("reasons have metric labels") {
    CHECK(to_label(reason::pair) == "pair");
    CHECK(to_label(reason::account) == "account");
    CHECK(to_label(reason::address) == "address");
    CHECK(to_label(reason::none).empty());
}

} // namespace login_throttle_test
