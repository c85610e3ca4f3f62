#include "domain/assembly/schedule_time.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

TEST_CASE("Mexico City wall time converts to UTC at a fixed UTC-6") {
    CHECK(mexico_city_to_utc("2026-02-21T11:00") == "2026-02-21T17:00:00.000Z");
    // Summer: no daylight saving since 2022, still UTC-6.
    CHECK(mexico_city_to_utc("2025-07-15T11:00") == "2025-07-15T17:00:00.000Z");
    CHECK(mexico_city_to_utc("2026-02-21T11:00:30") == "2026-02-21T17:00:30.000Z");
    CHECK(mexico_city_to_utc("2026-02-21 11:00") == "2026-02-21T17:00:00.000Z");
    // Evening crosses into the next UTC day, month and year.
    CHECK(mexico_city_to_utc("2026-02-28T19:30") == "2026-03-01T01:30:00.000Z");
    CHECK(mexico_city_to_utc("2028-02-28T19:30") == "2028-02-29T01:30:00.000Z");
    CHECK(mexico_city_to_utc("2026-12-31T18:00") == "2027-01-01T00:00:00.000Z");
    CHECK(mexico_city_to_utc("2023-01-01T00:00") == "2023-01-01T06:00:00.000Z");
}

TEST_CASE("malformed and impossible local dates are refused") {
    for (const char* bad :
         {"", "2026-02-21", "2026-02-21T11", "2026-02-30T11:00", "2026-13-01T11:00",
          "2026-02-21T24:00", "2026-02-21T11:60", "2026-2-21T11:00", "2026-02-21T11:00Z",
          "2026-02-21T11:00:00-06:00", "2027-02-29T11:00", "abcd-ef-ghTij:kl",
          "2026-02-21T11:00:61", "2026-02-21T11:00 "}) {
        auto r = mexico_city_to_utc(bad);
        CHECK_MESSAGE(!r, bad);
        if (!r) {
            CHECK(r.error().field == "local_datetime");
            CHECK(r.error().kind == error_kind::invalid);
        }
    }
    auto old = mexico_city_to_utc("2022-07-01T11:00"); // daylight saving still existed
    REQUIRE_FALSE(old);
    CHECK(old.error().message.find("2023") != std::string::npos);
    CHECK_FALSE(mexico_city_to_utc("2101-01-01T11:00"));
}

TEST_CASE("UTC timestamps are checked and written in one canonical form") {
    CHECK(normalize_utc_timestamp("2026-02-21T17:00:00.000Z") == "2026-02-21T17:00:00.000Z");
    CHECK(normalize_utc_timestamp("2026-02-21T17:00Z") == "2026-02-21T17:00:00.000Z");
    CHECK(normalize_utc_timestamp("2026-02-21T17:00:05Z") == "2026-02-21T17:00:05.000Z");
    CHECK(normalize_utc_timestamp("2026-02-21T17:00:05.5Z") == "2026-02-21T17:00:05.500Z");
    for (const char* bad :
         {"2026-02-21T17:00:00.000", "2026-02-21T17:00:00.000+01:00", "2026-02-21T17:00:00.Z",
          "2026-02-21T17:00:00.1234Z", "2026-02-31T17:00:00Z", "2020-02-21T17:00:00Z", "mañana"}) {
        auto r = normalize_utc_timestamp(bad);
        CHECK_MESSAGE(!r, bad);
        if (!r)
            CHECK(r.error().field == "scheduled_at");
    }
}
