// Stalled works: days since the last move counted in Mexico City, and which states can stall.
#include "domain/followup/stalled.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_stalled_test {

TEST_CASE("idle days count from the move's day in Mexico City") {
    CHECK(idle_days("2026-01-01T12:00:00.000Z", "2026-03-02") == 60);
    CHECK(idle_days("2026-03-02T18:00:00.000Z", "2026-03-02") == 0);
    // 05:59 UTC is still the evening before in Mexico City; 06:00 UTC is midnight there.
    CHECK(idle_days("2026-03-02T05:59:00.000Z", "2026-03-02") == 1);
    CHECK(idle_days("2026-03-02T06:00:00.000Z", "2026-03-02") == 0);
    // Across a year and a leap day.
    CHECK(idle_days("2027-12-31T12:00:00.000Z", "2028-03-01") == 61);
    // A move dated after today (a clock set wrong) is not negative.
    CHECK(idle_days("2026-03-05T12:00:00.000Z", "2026-03-02") == 0);
}

TEST_CASE("idle days refuse what is not a time") {
    CHECK_FALSE(idle_days("", "2026-03-02"));
    CHECK_FALSE(idle_days("2026-03-02", "2026-03-02"));
    CHECK_FALSE(idle_days("2026-02-30T12:00:00Z", "2026-03-02"));
    CHECK_FALSE(idle_days("2026-03-01T25:00:00Z", "2026-03-02"));
    CHECK_FALSE(idle_days("2026-03-01Tx2:00:00Z", "2026-03-02"));
    CHECK_FALSE(idle_days("2026-03-01T12:00:00Z", "02/03/2026"));
}

TEST_CASE("a work stalls only while it still waits for a move") {
    for (auto s : {work_state::planeado, work_state::cotizando, work_state::contratado,
                   work_state::en_ejecucion, work_state::entregado, work_state::detenido}) {
        CAPTURE(to_string(s));
        CHECK(is_stalled(s, 60, 60));
        CHECK(is_stalled(s, 400, 60));
        CHECK_FALSE(is_stalled(s, 59, 60));
        CHECK(is_stalled(s, 1, 1));
        CHECK_FALSE(is_stalled(s, 0, 1));
    }
    for (auto s : {work_state::verificado, work_state::cancelado}) {
        CAPTURE(to_string(s));
        CHECK_FALSE(is_stalled(s, 1000, 60));
    }
    CHECK(default_stalled_days == 60);
}

} // namespace followup_stalled_test
