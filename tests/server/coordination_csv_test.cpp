// The coordinator's CSV downloads against the real server: GET /api/clinics.csv (public, like the
// clinic search) and GET /api/national/dashboard.csv (coordinators only). Both come from the one
// CSV writer: a clinic named like a spreadsheet formula stays text, accents come with a BOM, and
// states and times are in Spanish as the page shows them.
#include "assembly_setup.hpp"

#include <doctest/doctest.h>

#include <sstream>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace coordination_csv_test {

namespace {

const std::string hostile = "=HYPERLINK(\"http://x.example\",\"clic\")";

void add_hostile_clinic(running_server& s) {
    using namespace asamblea;
    auto ok = s.srv->store().writer().run([&](store::write_context& ctx) -> domain::status {
        store::upsert_clinics(ctx, {{"CSIMB000007", hostile, "Chiapas", "Yajalón", "IMSS-BIENESTAR",
                                     1, "Rural", 40000000}});
        return {};
    });
    REQUIRE(ok);
}

std::vector<std::string> lines_of(const std::string& body) {
    std::vector<std::string> out;
    std::istringstream in(body);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

std::string line_starting(const std::vector<std::string>& lines, const std::string& start) {
    for (const auto& l : lines)
        if (l.rfind(start, 0) == 0)
            return l;
    return {};
}

} // namespace

TEST_CASE("the clinics CSV has every clinic of the search with its assembly, formulas as text") {
    running_server s;
    add_hostile_clinic(s);
    http_client c(s.port);
    auto coord = login(c, "coord");
    setup_assembly(c, coord, "CSIMB000001", 3, {100000}, 1);

    auto r = c.request("GET", "/api/clinics.csv?entidad=Chiapas");
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == "text/csv; charset=utf-8");
    CHECK(r.header("Content-Disposition").find("attachment") == 0);
    REQUIRE(r.body.rfind("\xEF\xBB\xBF", 0) == 0);
    auto lines = lines_of(r.body.substr(3));
    CHECK(lines.at(0) == "clues,nombre,entidad,municipio,institucion,edicion,estado,"
                         "fecha_programada,fecha_programada_utc,quorum_min,asistencia");
    CHECK(line_starting(lines, "CSIMB000001,") ==
          "CSIMB000001,Centro de Salud Ocosingo,Chiapas,Ocosingo,IMSS-BIENESTAR,2026,En sesión,"
          "\"sábado 21 de febrero de 2026, 11:00 h\",2026-02-21T17:00:00.000Z,2,3");
    // The formula guard: the name is quoted text starting with an apostrophe, never a formula.
    CHECK(line_starting(lines, "CSIMB000007,") ==
          "CSIMB000007,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"clic\"\")\",Chiapas,Yajalón,"
          "IMSS-BIENESTAR,,Sin asamblea,,,,");
    for (const auto& l : lines)
        CHECK(l.find(",=") == std::string::npos);

    // The search narrows the file like the page's table.
    auto one = c.request("GET", "/api/clinics.csv?q=yajalon");
    REQUIRE(one.status == 200);
    CHECK(lines_of(one.body).size() == 2);
    CHECK(c.request("GET", "/api/clinics.csv?q=" + std::string(101, 'a')).status == 400);
}

TEST_CASE("the dashboard CSV is every assembly of the filters, for coordinators only") {
    running_server s;
    add_hostile_clinic(s);
    http_client c(s.port);
    auto coord = login(c, "coord");
    setup_assembly(c, coord, "CSIMB000001", 3, {100000}, 1);
    call(c, "POST", "/api/c/CSIMB000007/assembly", coord,
         {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}, {"quorum_min", 5}}, 201);

    CHECK(c.request("GET", "/api/national/dashboard.csv").status == 401);
    CHECK(c.request("GET", "/api/national/dashboard.csv", {},
                    {{"Authorization", "Bearer " + login(c, "mod")}})
              .status == 403);

    auto r = c.request("GET", "/api/national/dashboard.csv?limit=1", {},
                       {{"Authorization", "Bearer " + coord}});
    REQUIRE(r.status == 200);
    REQUIRE(r.body.rfind("\xEF\xBB\xBF", 0) == 0);
    auto lines = lines_of(r.body.substr(3));
    CHECK(lines.at(0) == "CLUES,unidad,entidad,estado,asistencia,quórum mínimo,con quórum,"
                         "votación,estado de la votación,último cambio");
    // Every row, whatever page size the JSON would use.
    CHECK(lines.size() == 3);
    auto live = line_starting(lines, "CSIMB000001,");
    CHECK(live.find("CSIMB000001,Centro de Salud Ocosingo,Chiapas,En sesión,3,2,Sí,Presupuesto,"
                    "Votando,\"") == 0);
    CHECK(line_starting(lines, "CSIMB000007,")
              .find("CSIMB000007,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"clic\"\")\",Chiapas,"
                    "Convocada,0,5,,,,") == 0);

    auto closed = c.request("GET", "/api/national/dashboard.csv?estado=cerrada", {},
                            {{"Authorization", "Bearer " + coord}});
    REQUIRE(closed.status == 200);
    CHECK(lines_of(closed.body).size() == 1);
    CHECK(c.request("GET", "/api/national/dashboard.csv?estado=nada", {},
                    {{"Authorization", "Bearer " + coord}})
              .status == 400);
}

} // namespace coordination_csv_test
