// The deadline for proving the spending: its default, its parsing, how near it is.
#include "domain/followup/civil_date.hpp"
#include "domain/followup/deadline.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_deadline_test {

namespace {

deadline_info status_at(std::string_view today) {
    auto s = deadline_status("2026-12-24", today);
    REQUIRE(s);
    return *s;
}

} // namespace

TEST_CASE("civil dates are day numbers") {
    CHECK(parse_civil_date("1970-01-01") == 0);
    CHECK(parse_civil_date("1970-01-02") == 1);
    CHECK(*parse_civil_date("2025-01-01") - *parse_civil_date("2024-01-01") == 366);
    CHECK(*parse_civil_date("2026-03-01") - *parse_civil_date("2026-02-28") == 1);
    CHECK_FALSE(parse_civil_date("2026-02-29"));
    CHECK(parse_civil_date("2028-02-29"));
    CHECK_FALSE(parse_civil_date("2026-13-01"));
    CHECK_FALSE(parse_civil_date("2026-1-01"));
    CHECK_FALSE(parse_civil_date("2026/01/01"));
    CHECK_FALSE(parse_civil_date("2026-01-01T00:00"));
}

TEST_CASE("the default deadline is 24 December of the edition's year") {
    CHECK(default_deadline(2026) == "2026-12-24");
    CHECK(parse_deadline(default_deadline(2027)) == "2027-12-24");
}

TEST_CASE("parse_deadline accepts real dates only") {
    CHECK(parse_deadline(" 2026-11-30 ") == "2026-11-30");
    auto bad = parse_deadline("2026-11-31");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == "deadline_invalid");
    CHECK(bad.error().field == "deadline");
    CHECK_FALSE(parse_deadline("30/11/2026"));
    CHECK_FALSE(parse_deadline(""));
    CHECK_FALSE(deadline_status("2026-12-24", "ayer"));
}

TEST_CASE("levels at their boundaries") {
    auto far = status_at("2026-11-23"); // 31 days
    CHECK(far.level == deadline_level::lejos);
    CHECK(far.days_left == 31);
    auto near = status_at("2026-11-24"); // 30 days
    CHECK(near.level == deadline_level::cerca);
    CHECK(near.text == "Quedan 30 días para comprobar");
    CHECK(status_at("2026-12-16").level == deadline_level::cerca); // 8 days
    auto urgent = status_at("2026-12-17");                         // 7 days
    CHECK(urgent.level == deadline_level::urgente);
    CHECK(urgent.days_left == 7);
    auto one = status_at("2026-12-23");
    CHECK(one.level == deadline_level::urgente);
    CHECK(one.text == "Queda 1 día para comprobar");
    auto today = status_at("2026-12-24");
    CHECK(today.level == deadline_level::urgente);
    CHECK(today.days_left == 0);
    CHECK(today.text == "Hoy vence el plazo");
    auto past = status_at("2026-12-25");
    CHECK(past.level == deadline_level::vencido);
    CHECK(past.days_left == -1);
    CHECK(past.text == "El plazo venció hace 1 día");
    CHECK(status_at("2026-12-27").text == "El plazo venció hace 3 días");
    // Across a year end.
    CHECK(status_at("2027-01-01").days_left == -8);
    CHECK(status_at("2026-12-12").text == "Quedan 12 días para comprobar");
}

} // namespace followup_deadline_test
