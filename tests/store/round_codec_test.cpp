// The stored JSON form of a round's result: whether quorum held is recorded, and a result stored
// before that was recorded gets it from its present and quorum when read.
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
    auto met = [](const json& j) {
        return asamblea::store::recorded_from_json(j).tally.quorum_met;
    };
    CHECK_FALSE(met(json{{"present", 1}, {"quorum", 20}}));
    CHECK(met(json{{"present", 20}, {"quorum", 20}}));
    // Recorded values win; without the numbers a result stays valid, as it was shown before.
    CHECK(met(json{{"present", 1}, {"quorum", 20}, {"quorum_met", true}}));
    CHECK(met(json{{"lines", json::array()}}));
}

TEST_CASE("a recorded result reads back as it was written") {
    asamblea::domain::recorded_result r;
    r.tally.lines.push_back({"3", "Techo", 12, true, "Cabe en el presupuesto.", 0});
    r.tally.lines.push_back({"ana", "Ana", 7, true, "Electa.", 2});
    r.tally.summary = "Se eligió 1 propuesta";
    r.tally.spent = 150000;
    r.tally.runoff = true;
    r.tally.tied = {"a", "b"};
    r.ballots = 19;
    r.present = 40;
    r.quorum = 30;
    auto stored = asamblea::store::recorded_to_json(r);
    auto back = asamblea::store::recorded_from_json(json::parse(stored.dump()));
    CHECK(asamblea::store::recorded_to_json(back) == stored);
    CHECK(back.tally.lines[1].seat == 2);
    CHECK(back.tally.tied == std::vector<std::string>{"a", "b"});
    CHECK(back.present == 40);
}
