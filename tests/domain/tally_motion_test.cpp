// Motions and single-seat plurality.
#include "domain/tally/motion_tally.hpp"
#include "domain/tally/plurality_tally.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

TEST_CASE("a motion passes with more yes than no when quorum holds") {
    auto t = tally_motion({45, 12, 3}, 70, 50);
    REQUIRE(t);
    CHECK(t->outcome == motion_outcome::approved);
    CHECK(t->valid == 60);
    CHECK(explain(*t) == "Aprobada: 45 a favor, 12 en contra y 3 abstenciones (60 votos válidos).");

    t = tally_motion({12, 45, 1}, 70, 50);
    REQUIRE(t);
    CHECK(t->outcome == motion_outcome::rejected);
    CHECK(explain(*t) == "Rechazada: 12 a favor, 45 en contra y 1 abstención (58 votos válidos).");
}

TEST_CASE("a tie does not pass, abstentions never decide") {
    auto t = tally_motion({20, 20, 30}, 70, 50);
    REQUIRE(t);
    CHECK(t->outcome == motion_outcome::rejected);
    CHECK(explain(*t) == "Rechazada por empate: 20 a favor, 20 en contra y 30 abstenciones "
                         "(70 votos válidos). Se necesitan más votos a favor que en contra.");
    t = tally_motion({1, 0, 99}, 100, 100);
    REQUIRE(t);
    CHECK(t->outcome == motion_outcome::approved); // quorum holds exactly at the minimum
}

TEST_CASE("without quorum nothing passes") {
    auto t = tally_motion({30, 0, 0}, 30, 50);
    REQUIRE(t);
    CHECK(t->outcome == motion_outcome::no_quorum);
    CHECK(explain(*t) ==
          "Sin quórum: había 30 asistentes presentes y se requieren 50; la votación no es válida.");
    CHECK_FALSE(tally_motion({-1, 0, 0}, 10, 5));
    CHECK_FALSE(tally_motion({1, 0, 0}, -1, 5));
}

TEST_CASE("plurality: one winner, or the tied set for a runoff") {
    std::vector<std::string> ids{"ana", "berta", "carla"};
    auto t = tally_plurality(ids, {0, 1, 1, 2, 1});
    REQUIRE(t);
    CHECK_FALSE(t->runoff);
    CHECK(t->leaders == std::vector<std::string>{"berta"});
    CHECK(t->votes == std::vector<std::int64_t>{1, 3, 1});
    CHECK(explain(*t) == "Ganó «berta» con 3 votos.");

    t = tally_plurality(ids, {2, 0, 1, 2, 0});
    REQUIRE(t);
    CHECK(t->runoff);
    CHECK(t->leaders == std::vector<std::string>{"ana", "carla"});
    CHECK(explain(*t) == "Empate entre «ana» y «carla» con 2 votos cada una: se hará una segunda "
                         "vuelta solo entre ellas.");

    t = tally_plurality({"10", "9", "x"}, {});
    REQUIRE(t);
    CHECK(t->leaders == std::vector<std::string>{"9", "10", "x"});
    CHECK(explain(*t) == "Empate entre «9», «10» y «x» con 0 votos cada una: se hará una segunda "
                         "vuelta solo entre ellas.");

    CHECK_FALSE(tally_plurality({}, {}));
    CHECK_FALSE(tally_plurality({"a", "a"}, {}));
    CHECK_FALSE(tally_plurality({"a"}, {1}));
}
