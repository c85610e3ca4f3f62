#include "domain/assembly/incident.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace asamblea::domain;

TEST_CASE("an incident's text is one cleaned line of 3 to 500 characters") {
    auto ok = check_incident_text("  Se fue la luz\n 10   minutos.  ");
    REQUIRE(ok);
    CHECK(*ok == "Se fue la luz 10 minutos.");

    auto empty = check_incident_text("   ");
    REQUIRE_FALSE(empty);
    CHECK(empty.error().kind == error_kind::invalid);
    CHECK(empty.error().field == "text");
    CHECK(empty.error().message == "Escriba la incidencia.");

    CHECK_FALSE(check_incident_text("ok"));
    CHECK(check_incident_text("Ñoñ"));
    CHECK(check_incident_text(std::string(500, 'a')));
    auto too_long = check_incident_text(std::string(501, 'a'));
    REQUIRE_FALSE(too_long);
    CHECK(too_long.error().message == "La incidencia debe tener de 3 a 500 caracteres.");
    // 500 characters of two bytes each still fit: the limit counts characters, not bytes.
    std::string accented;
    for (int i = 0; i < 500; ++i)
        accented += "é";
    CHECK(check_incident_text(accented));
    CHECK_FALSE(check_incident_text("texto\x01raro"));
    CHECK_FALSE(check_incident_text("\xff\xfe texto"));
}

TEST_CASE("incidents are noted only while the assembly is open") {
    CHECK(require_incidents_open(assembly_state::registro));
    CHECK(require_incidents_open(assembly_state::en_sesion));
    CHECK(require_incidents_open(assembly_state::suspendida));
    auto before = require_incidents_open(assembly_state::convocada);
    REQUIRE_FALSE(before);
    CHECK(before.error().kind == error_kind::conflict);
    CHECK(before.error().code == "wrong_state");
    auto after = require_incidents_open(assembly_state::cerrada);
    REQUIRE_FALSE(after);
    CHECK(after.error().message.find("cerrada") != std::string::npos);
}

TEST_CASE("an assembly holds at most 100 incidents") {
    CHECK(check_incident_room(0));
    CHECK(check_incident_room(max_incidents - 1));
    auto full = check_incident_room(max_incidents);
    REQUIRE_FALSE(full);
    CHECK(full.error().code == "too_many_incidents");
}
