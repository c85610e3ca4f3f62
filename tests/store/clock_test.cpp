#include "store/clock.hpp"

#include <doctest/doctest.h>

using namespace asamblea;
using std::chrono::system_clock;

TEST_CASE("parse_utc reads what format_utc writes, to the millisecond") {
    const auto t = system_clock::time_point(std::chrono::milliseconds(1'771'693'200'123));
    const auto text = store::format_utc(t);
    CHECK(text == "2026-02-21T17:00:00.123Z");
    auto back = store::parse_utc(text);
    REQUIRE(back.has_value());
    CHECK(*back == t);
    // Without milliseconds, as some rows and the seed write them.
    auto whole = store::parse_utc("2026-02-21T17:00:00Z");
    REQUIRE(whole.has_value());
    CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(t - *whole).count() == 123);
    // Around the epoch and a leap day.
    CHECK(store::parse_utc("1970-01-01T00:00:00.000Z") == system_clock::time_point{});
    CHECK(store::format_utc(*store::parse_utc("2028-02-29T23:59:59.999Z")) ==
          "2028-02-29T23:59:59.999Z");
}

TEST_CASE("parse_utc refuses any other text") {
    for (const char* bad :
         {"", "2026-02-21", "2026-02-21 17:00:00Z", "2026-02-21T17:00:00.123",
          "2026-13-01T00:00:00Z", "2026-02-21T24:00:00Z", "2026-02-21T17:00:00.12Z",
          "2026-02-21T17:00:00,123Z", "2026-02-21T17:00:00.123+01", "abcd-ef-ghTij:kl:mnZ",
          "2026-02-21T17:00:00.-12Z"}) {
        CAPTURE(bad);
        CHECK_FALSE(store::parse_utc(bad).has_value());
    }
}
