// GET /api/national/dashboard against the real server: five clinics' assemblies in the five
// states (one in session with quorum and an open round), totals and rows as set up, the
// entidad and estado filters, paging with ?after=, a state coordinator's scope, and who is
// refused (anonymous 401, moderator 403, bad filters 400).
#include "assembly_setup.hpp"

#include <doctest/doctest.h>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace national_test {

namespace {

const std::string dashboard = "/api/national/dashboard";

// Three more clinics beside the fixture's (one without an assembly, never listed) and a
// coordinator scoped to Chiapas' two.
void add_clinics_and_state_coordinator(running_server& s) {
    using namespace asamblea;
    auto hash = store::hash_password("clave-de-prueba");
    auto ok = s.srv->store().writer().run([&](store::write_context& ctx) -> domain::status {
        store::upsert_clinics(ctx, {{"DFIST000004", "Clínica Coyoacán", "Ciudad de México",
                                     "Coyoacán", "ISSSTE", 4, "UMF", 80000000},
                                    {"JCIST000005", "Clínica Zapopan", "Jalisco", "Zapopan",
                                     "ISSSTE", 2, "UMF", 60000000},
                                    {"CSIMB000006", "Centro de Salud Yajalón", "Chiapas", "Yajalón",
                                     "IMSS-BIENESTAR", 1, "Rural", 40000000}});
        (void)store::save_user(ctx, "coordchis", hash, domain::role::coordinator,
                               {"CSIMB000001", "CSIMB000002"}, false);
        return {};
    });
    REQUIRE(ok);
}

void create(http_client& c, const std::string& token, const std::string& clues, int quorum) {
    call(c, "POST", "/api/c/" + clues + "/assembly", token,
         {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}, {"quorum_min", quorum}},
         201);
}

void move(http_client& c, const std::string& token, const std::string& clues,
          std::initializer_list<const char*> states) {
    for (const char* to : states)
        call(c, "POST", "/api/c/" + clues + "/assembly/transition", token, {{"to", to}}, 200);
}

json find_row(const json& items, const std::string& clues) {
    for (const auto& r : items)
        if (r["clues"] == clues)
            return r;
    return nullptr;
}

std::vector<std::string> clues_of(const json& items) {
    std::vector<std::string> out;
    for (const auto& r : items)
        out.push_back(r["clues"]);
    return out;
}

} // namespace

TEST_CASE("the national dashboard counts and lists every clinic's assembly as it stands") {
    running_server s;
    add_clinics_and_state_coordinator(s);
    http_client c(s.port);
    auto coord = login(c, "coord");

    // In session with 3 of a quorum of 2 and a budget round open.
    setup_assembly(c, coord, "CSIMB000001", 3, {100000, 150000}, 1);
    // Taking attendance: 1 of a quorum of 5.
    create(c, coord, "CSIMB000002", 5);
    move(c, coord, "CSIMB000002", {"registro"});
    call(c, "POST", "/api/c/CSIMB000002/attendees", coord,
         {{"nombre", "Persona"},
          {"identificador", "CSIMB000002-1"},
          {"sexo", "mujer"},
          {"mayor_de_edad", true}},
         201);
    // Closed (quorum 0 is met, but a closed assembly is not counted as having quorum).
    create(c, coord, "DFIST000003", 0);
    move(c, coord, "DFIST000003", {"registro", "en_sesion", "cerrada"});
    create(c, coord, "DFIST000004", 10); // convocada
    create(c, coord, "JCIST000005", 0);
    move(c, coord, "JCIST000005", {"registro", "en_sesion", "suspendida"});

    auto all = call(c, "GET", dashboard, coord, nullptr, 200);
    const auto& t = all["totals"];
    CHECK(t["assemblies"] == 5);
    CHECK(t["by_state"] == json{{"convocada", 1},
                                {"registro", 1},
                                {"en_sesion", 1},
                                {"suspendida", 1},
                                {"cerrada", 1}});
    CHECK(t["with_quorum"] == 1);
    CHECK(t["voting"] == 1);
    CHECK(t["attendance"] == 4);
    CHECK(all["next_after"].is_null());
    CHECK(all["limit"] == 2000);
    // Ordered by CLUES; the clinic without an assembly is not a row.
    CHECK(clues_of(all["items"]) == std::vector<std::string>{"CSIMB000001", "CSIMB000002",
                                                             "DFIST000003", "DFIST000004",
                                                             "JCIST000005"});

    auto live = find_row(all["items"], "CSIMB000001");
    REQUIRE(live.is_object());
    CHECK(live["nombre"] == "Centro de Salud Ocosingo");
    CHECK(live["entidad"] == "Chiapas");
    CHECK(live["state"] == "en_sesion");
    CHECK(live["attendance"] == 3);
    CHECK(live["quorum_min"] == 2);
    CHECK(live["quorum_met"] == true);
    CHECK(live["round"]["title"] == "Presupuesto");
    CHECK(live["round"]["status"] == "abierta");
    CHECK(live["updated_at"].get<std::string>().size() >= 20);
    // The same attendance the clinic's own assembly view reports.
    auto view = call(c, "GET", "/api/c/CSIMB000001/assembly", coord, nullptr, 200);
    CHECK(view["attendance"] == live["attendance"]);

    auto waiting = find_row(all["items"], "CSIMB000002");
    CHECK(waiting["state"] == "registro");
    CHECK(waiting["attendance"] == 1);
    CHECK(waiting["quorum_min"] == 5);
    CHECK(waiting["quorum_met"] == false);
    CHECK(waiting["round"].is_null());
    CHECK(find_row(all["items"], "JCIST000005")["state"] == "suspendida");

    SUBCASE("entidad narrows the totals and the rows") {
        auto chiapas = call(c, "GET", dashboard + "?entidad=Chiapas", coord, nullptr, 200);
        CHECK(chiapas["totals"]["assemblies"] == 2);
        CHECK(chiapas["totals"]["attendance"] == 4);
        CHECK(chiapas["totals"]["by_state"]["cerrada"] == 0);
        CHECK(clues_of(chiapas["items"]) == std::vector<std::string>{"CSIMB000001", "CSIMB000002"});
        auto cdmx =
            call(c, "GET", dashboard + "?entidad=Ciudad%20de%20M%C3%A9xico", coord, nullptr, 200);
        CHECK(clues_of(cdmx["items"]) == std::vector<std::string>{"DFIST000003", "DFIST000004"});
        CHECK(cdmx["totals"]["with_quorum"] == 0);
    }
    SUBCASE("estado narrows the rows; the totals still cover every state") {
        auto session = call(c, "GET", dashboard + "?estado=en_sesion", coord, nullptr, 200);
        CHECK(clues_of(session["items"]) == std::vector<std::string>{"CSIMB000001"});
        CHECK(session["totals"]["assemblies"] == 5);
        auto none =
            call(c, "GET", dashboard + "?entidad=Jalisco&estado=cerrada", coord, nullptr, 200);
        CHECK(none["items"].empty());
        CHECK(none["totals"]["assemblies"] == 1);
    }
    SUBCASE("pages with limit and after") {
        auto first = call(c, "GET", dashboard + "?limit=2", coord, nullptr, 200);
        CHECK(clues_of(first["items"]) == std::vector<std::string>{"CSIMB000001", "CSIMB000002"});
        REQUIRE(first["next_after"] == "CSIMB000002");
        auto second = call(c, "GET", dashboard + "?limit=2&after=csimb000002", coord, nullptr, 200);
        CHECK(clues_of(second["items"]) == std::vector<std::string>{"DFIST000003", "DFIST000004"});
        CHECK(second["next_after"] == "DFIST000004");
        auto last = call(c, "GET", dashboard + "?limit=2&after=DFIST000004", coord, nullptr, 200);
        CHECK(clues_of(last["items"]) == std::vector<std::string>{"JCIST000005"});
        CHECK(last["next_after"].is_null());
    }
    SUBCASE("a state coordinator sees only its clinics") {
        auto scoped = call(c, "GET", dashboard, login(c, "coordchis"), nullptr, 200);
        CHECK(scoped["totals"]["assemblies"] == 2);
        CHECK(scoped["totals"]["voting"] == 1);
        CHECK(clues_of(scoped["items"]) == std::vector<std::string>{"CSIMB000001", "CSIMB000002"});
    }
}

TEST_CASE("the national dashboard refuses anonymous callers, moderators and bad filters") {
    running_server s;
    http_client c(s.port);

    auto anonymous = c.request("GET", dashboard);
    CHECK(anonymous.status == 401);
    CHECK(json::parse(anonymous.body)["error"].is_string());

    auto moderator = call(c, "GET", dashboard, login(c, "mod"), nullptr, 403);
    CHECK(moderator["error"] == "wrong_role");

    auto coord = login(c, "coord");
    for (const char* bad :
         {"?estado=abierta", "?limit=0", "?limit=2001", "?limit=2x", "?after=no-es-clues"}) {
        CAPTURE(bad);
        auto r = call(c, "GET", dashboard + bad, coord, nullptr, 400);
        CHECK(r["error"] == "bad_query");
        CHECK(r["message"].get<std::string>().size() > 10);
    }
    auto empty = call(c, "GET", dashboard, coord, nullptr, 200);
    CHECK(empty["totals"]["assemblies"] == 0);
    CHECK(empty["items"].empty());
}

} // namespace national_test
