// The states a shard map's owners name, for the national views that must say whose data is
// missing when a shard does not answer (issue 18 item 4).
#include "domain/shards/clues_states.hpp"

#include <doctest/doctest.h>

namespace clues_states_test {

using namespace asamblea::domain;

TEST_CASE("every CLUES state code has its state, and only those") {
    CHECK(clues_state_name("CS") == "Chiapas");
    CHECK(clues_state_name("TC") == "Tabasco");
    CHECK(clues_state_name("DF") == "Ciudad de México");
    CHECK(clues_state_name("MC") == "Estado de México");
    CHECK(clues_state_name("ZS") == "Zacatecas");
    CHECK_FALSE(clues_state_name("XX"));
    CHECK_FALSE(clues_state_name("cs"));
    CHECK_FALSE(clues_state_name("C"));
    // Thirty-two states, each with its own code.
    int known = 0;
    for (char a = 'A'; a <= 'Z'; ++a)
        for (char b = 'A'; b <= 'Z'; ++b)
            known += clues_state_name(std::string{a, b}).has_value();
    CHECK(known == 32);
}

TEST_CASE("a down shard is named with the states its owners cover") {
    auto parsed = shard_map::parse("sur    127.0.0.1:1 CS* TCIMB*\n"
                                   "centro 127.0.0.1:2 DF* ZZ*\n"
                                   "centro 127.0.0.1:2 HGIMB000123\n"
                                   "norte  127.0.0.1:3 BC*\n");
    REQUIRE(parsed.ok());
    auto missing = missing_shards(parsed.map, {"sur", "centro", "oeste"});
    REQUIRE(missing.size() == 3);
    CHECK(missing[0] == missing_shard{"sur", {"Chiapas", "Tabasco"}});
    CHECK(missing[1].shard == "centro");
    CHECK(missing[1].states ==
          std::vector<std::string>{"Ciudad de México", "CLUES ZZ*", "Hidalgo"});
    CHECK(missing[2] == missing_shard{"oeste", {}});
    // A whole CLUES of no known state is named by itself.
    shard odd{"odd", "127.0.0.1:4", {"X"}, {"XXIMB000001"}, 1};
    CHECK(shard_states(odd) == std::vector<std::string>{"CLUES X*", "XXIMB000001"});

    CHECK(missing_sentence({missing[0]}) ==
          "Faltan datos de Chiapas y Tabasco: su servidor no responde. Los totales no los "
          "incluyen.");
    CHECK(missing_sentence({missing_shard{"norte", {"Baja California"}}}) ==
          "Faltan datos de Baja California: su servidor no responde. Los totales no los "
          "incluyen.");
    CHECK(missing_sentence({missing[0], missing_shard{"oeste", {}}}) ==
          "Faltan datos de Chiapas, Tabasco y el servidor «oeste»: sus servidores no responden. "
          "Los totales no los incluyen.");
    CHECK(missing_sentence({}).empty());
}

} // namespace clues_states_test
