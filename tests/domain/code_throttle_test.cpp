// Guessing voter codes stays slow, but a bad neighbour does not keep honest phones out.
#include "domain/code_throttle.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace code_throttle_test {

using namespace asamblea::domain;
using std::chrono::seconds;
using reason = code_throttle::reason;

const auto t0 = code_throttle::clock::time_point{} + std::chrono::hours(1000);

TEST_CASE("a neighbour's few dozen bad codes leave the address's budget open") {
    code_throttle t;
    for (int i = 0; i < 40; ++i)
        t.record_unknown("CSIMB000001", "10.0.0.1", t0);
    CHECK(t.check("CSIMB000001", "10.0.0.1", "honest", t0));
}

TEST_CASE("an address that spends its budget for a clinic waits; other places do not") {
    code_throttle::options o;
    o.address = {30, seconds(3600)};
    code_throttle t(o);
    for (int i = 0; i < 30; ++i)
        t.record_unknown("CSIMB000001", "10.0.0.1", t0);
    auto v = t.check("CSIMB000001", "10.0.0.1", "x", t0);
    CHECK(v.why == reason::address);
    CHECK(v.wait == seconds(120));
    CHECK(t.check("CSIMB000002", "10.0.0.1", "x", t0));
    CHECK(t.check("CSIMB000001", "10.0.0.2", "x", t0));
    CHECK(t.check("CSIMB000001", "10.0.0.1", "x", t0 + seconds(121)));
}

TEST_CASE("a clinic has a ceiling across addresses") {
    code_throttle::options o;
    o.clinic = {50, seconds(3600)};
    code_throttle t(o);
    for (int i = 0; i < 50; ++i)
        t.record_unknown("CSIMB000001", "198.51.100." + std::to_string(i), t0);
    auto v = t.check("CSIMB000001", "10.9.9.9", "x", t0);
    CHECK(v.why == reason::clinic);
    CHECK(v.wait == seconds(72));
    CHECK(t.check("CSIMB000002", "10.9.9.9", "x", t0));
}

TEST_CASE("a code that got in from an address is never throttled there") {
    code_throttle::options o;
    o.address = {5, seconds(3600)};
    o.clinic = {5, seconds(3600)};
    code_throttle t(o);
    t.record_admitted("CSIMB000001", "10.0.0.1", "phone", t0);
    for (int i = 0; i < 100; ++i)
        t.record_unknown("CSIMB000001", "10.0.0.1", t0);
    CHECK(t.check("CSIMB000001", "10.0.0.1", "phone", t0 + seconds(1)));
    CHECK(t.admitted_before("CSIMB000001", "10.0.0.1", "phone", t0 + seconds(1)));
    CHECK_FALSE(t.check("CSIMB000001", "10.0.0.1", "guess", t0 + seconds(1)));
    // only where it got in: elsewhere it is an unknown code like any other
    CHECK_FALSE(t.admitted_before("CSIMB000002", "10.0.0.1", "phone", t0 + seconds(1)));
    CHECK_FALSE(t.admitted_before("CSIMB000001", "10.0.0.2", "phone", t0));
    // remembered for twelve hours after it last got in
    CHECK_FALSE(t.admitted_before("CSIMB000001", "10.0.0.1", "phone", t0 + std::chrono::hours(13)));
}

TEST_CASE("the budget's arithmetic: an attacker's chance per hour stays tiny") {
    code_throttle::options o;
    code_throttle t(o);
    int guesses = 0;
    for (auto now = t0; now < t0 + std::chrono::hours(1); now += seconds(1))
        for (int k = 0; k < 10; ++k) // ten tries a second from one address
            if (t.check("CSIMB000001", "203.0.113.7", "guess", now)) {
                t.record_unknown("CSIMB000001", "203.0.113.7", now);
                ++guesses;
            }
    MESSAGE("unknown codes tried in an hour from one address for one clinic: " << guesses);
    CHECK(guesses <= 600);
    // 40-bit codes, 300 live credentials in a large assembly
    double chance = guesses * 300.0 / std::pow(2.0, 40);
    MESSAGE("chance of hitting a live code: " << chance);
    CHECK(chance < 1e-6);
}

TEST_CASE("the tables are bounded") {
    code_throttle::options o;
    o.max_keys = 20;
    o.max_admitted = 20;
    code_throttle t(o);
    for (int i = 0; i < 500; ++i) {
        auto clinic = "CSIMB" + std::to_string(100000 + i);
        t.record_unknown(clinic, "10.0.0." + std::to_string(i % 200), t0);
        t.record_admitted(clinic, "10.0.0.1", "c" + std::to_string(i), t0);
    }
    auto s = t.count(t0);
    CHECK(s.address.keys <= 20);
    CHECK(s.clinic.keys <= 20);
    CHECK(s.admitted <= 20);
}

TEST_CASE("count tells how many keys refuse now") {
    code_throttle::options o;
    o.address = {3, seconds(3600)};
    code_throttle t(o);
    for (int i = 0; i < 3; ++i)
        t.record_unknown("CSIMB000001", "10.0.0.1", t0);
    t.record_unknown("CSIMB000001", "10.0.0.2", t0);
    auto s = t.count(t0);
    CHECK(s.address.keys == 2);
    CHECK(s.address.throttled == 1);
    CHECK(s.clinic.throttled == 0);
    CHECK(to_label(reason::address) == "address");
    CHECK(to_label(reason::clinic) == "clinic");
}

} // namespace code_throttle_test
