// The JSON form of a round's result: whether quorum held is recorded, and a result stored before
// that was recorded gets it from its present and quorum when read.
#include "store/round_codec.hpp"

#include <doctest/doctest.h>

using nlohmann::json;

TEST_CASE("a result's JSON records whether quorum held") {
    asamblea::domain::round_result r;
    r.summary = "Sin quórum";
    r.quorum_met = false;
    CHECK(asamblea::store::result_to_json(r)["quorum_met"] == false);
    r.quorum_met = true;
    CHECK(asamblea::store::result_to_json(r)["quorum_met"] == true);
}

TEST_CASE("a result stored without quorum_met gets it from its present and quorum") {
    using asamblea::store::with_quorum_met;
    CHECK(with_quorum_met(json{{"present", 1}, {"quorum", 20}})["quorum_met"] == false);
    CHECK(with_quorum_met(json{{"present", 20}, {"quorum", 20}})["quorum_met"] == true);
    // Recorded values win; without the numbers a result stays valid, as it was shown before.
    CHECK(with_quorum_met(
              json{{"present", 1}, {"quorum", 20}, {"quorum_met", true}})["quorum_met"] == true);
    CHECK(with_quorum_met(json{{"lines", json::array()}})["quorum_met"] == true);
    CHECK(with_quorum_met(json(nullptr)).is_null());
}
