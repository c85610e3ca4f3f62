#include "domain/assembly/assembly_state.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;
using enum assembly_state;

TEST_CASE("the assembly moves convocada → registro → en_sesion → cerrada and nowhere else") {
    assembly_phase p;
    CHECK(allowed_transitions(p) == std::vector{registro});
    auto r = transition(p, registro);
    REQUIRE(r);
    CHECK(r->state == registro);
    CHECK_FALSE(r->resumes_to);
    CHECK(allowed_transitions(*r) == std::vector{en_sesion, suspendida});
    auto s = transition(*r, en_sesion);
    REQUIRE(s);
    CHECK(allowed_transitions(*s) == std::vector{cerrada, suspendida});
    auto c = transition(*s, cerrada);
    REQUIRE(c);
    CHECK(allowed_transitions(*c).empty());
    auto again = transition(*c, registro);
    REQUIRE_FALSE(again);
    CHECK(again.error().code == "bad_transition");
    CHECK(again.error().kind == error_kind::conflict);
    CHECK(again.error().message.find("cerrada") != std::string::npos);
}

TEST_CASE("invalid transitions are refused with a Spanish message") {
    assembly_phase convocada_phase;
    for (auto to : {convocada, en_sesion, suspendida, cerrada}) {
        auto r = transition(convocada_phase, to);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "bad_transition");
        CHECK(r.error().field == "to");
    }
    auto skip = transition({registro, {}}, cerrada);
    REQUIRE_FALSE(skip);
    CHECK(skip.error().message == "No se puede pasar de «en registro» a «cerrada».");
    CHECK_FALSE(transition({en_sesion, {}}, registro));
    CHECK_FALSE(transition({en_sesion, {}}, en_sesion));
}

TEST_CASE("suspendida returns only to the state it left") {
    auto from_registro = transition({registro, {}}, suspendida);
    REQUIRE(from_registro);
    CHECK(from_registro->resumes_to == registro);
    CHECK(allowed_transitions(*from_registro) == std::vector{registro});
    CHECK_FALSE(transition(*from_registro, en_sesion));
    CHECK_FALSE(transition(*from_registro, cerrada));
    auto back = transition(*from_registro, registro);
    REQUIRE(back);
    CHECK(back->state == registro);
    CHECK_FALSE(back->resumes_to);

    auto from_session = transition({en_sesion, {}}, suspendida);
    REQUIRE(from_session);
    CHECK(allowed_transitions(*from_session) == std::vector{en_sesion});
    CHECK_FALSE(transition(*from_session, registro));
    CHECK(transition(*from_session, en_sesion)->state == en_sesion);
    CHECK_FALSE(transition(*from_session, suspendida));
}

TEST_CASE("states parse and print, and each activity opens only in its states") {
    for (auto s : {convocada, registro, en_sesion, suspendida, cerrada})
        CHECK(parse_assembly_state(to_string(s)) == s);
    CHECK_FALSE(parse_assembly_state("abierta"));
    CHECK(label(en_sesion) == "en sesión");

    CHECK_FALSE(require_check_in_open(convocada));
    CHECK(require_check_in_open(registro));
    CHECK(require_check_in_open(en_sesion));
    CHECK_FALSE(require_check_in_open(suspendida));
    auto closed = require_check_in_open(cerrada);
    REQUIRE_FALSE(closed);
    CHECK(closed.error().code == "wrong_state");
    CHECK(closed.error().kind == error_kind::conflict);

    CHECK(require_proposals_open(convocada));
    CHECK(require_proposals_open(registro));
    CHECK(require_proposals_open(en_sesion));
    CHECK_FALSE(require_proposals_open(suspendida));
    CHECK_FALSE(require_proposals_open(cerrada));

    CHECK_FALSE(require_floor_open(convocada));
    CHECK(require_floor_open(registro));
    CHECK(require_floor_open(en_sesion));
    CHECK_FALSE(require_floor_open(suspendida));
    CHECK_FALSE(require_floor_open(cerrada));

    CHECK(quorum_met(20, 20));
    CHECK_FALSE(quorum_met(19, 20));
    CHECK(quorum_met(0, 0));
}
