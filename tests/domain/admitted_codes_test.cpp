// The admitted codes' table (issue 19: about 20 bytes per phone that got in instead of 130):
// remembered a fixed time after the last use, bounded, the least recently used dropped first.
#include "domain/admitted_codes.hpp"

#include <doctest/doctest.h>

namespace admitted_codes_test {

using asamblea::domain::admitted_codes;
using std::chrono::hours;
using std::chrono::seconds;
const auto t0 = admitted_codes::clock::time_point{} + hours(1000);

TEST_CASE("a code is remembered a fixed time after its last use") {
    admitted_codes a(100, hours(12));
    a.touch(7, t0);
    CHECK(a.contains(7, t0));
    CHECK(a.contains(7, t0 + hours(12)));
    CHECK_FALSE(a.contains(7, t0 + hours(12) + seconds(1)));
    CHECK_FALSE(a.contains(8, t0));
    // A use renews it.
    a.touch(7, t0 + hours(10));
    CHECK(a.contains(7, t0 + hours(20)));
    CHECK(a.size() == 1);
}

TEST_CASE("a full table drops the expired first, then the least recently used") {
    admitted_codes a(8, hours(12));
    for (std::uint64_t k = 0; k < 4; ++k)
        a.touch(k, t0); // expired by the time the table fills
    for (std::uint64_t k = 4; k < 8; ++k)
        a.touch(k, t0 + hours(13) + seconds(static_cast<long>(k)));
    a.touch(100, t0 + hours(14));
    CHECK(a.size() == 5);
    for (std::uint64_t k = 4; k < 8; ++k)
        CHECK(a.contains(k, t0 + hours(14)));

    // Nothing expired: the oldest quarter goes, the newest stay.
    admitted_codes b(8, hours(12));
    for (std::uint64_t k = 0; k < 8; ++k)
        b.touch(k, t0 + seconds(static_cast<long>(k)));
    b.touch(100, t0 + seconds(100));
    CHECK(b.size() <= 8);
    CHECK_FALSE(b.contains(0, t0 + seconds(100)));
    CHECK_FALSE(b.contains(1, t0 + seconds(100)));
    for (std::uint64_t k = 2; k < 8; ++k)
        CHECK(b.contains(k, t0 + seconds(100)));
    CHECK(b.contains(100, t0 + seconds(100)));

    // Every entry of one same time: still bounded.
    admitted_codes c(3, hours(12));
    for (std::uint64_t k = 0; k < 50; ++k)
        c.touch(k, t0);
    CHECK(c.size() <= 3);
    CHECK(c.contains(49, t0));
}

} // namespace admitted_codes_test
