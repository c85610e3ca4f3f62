// GET /api/c/{clues}/followup/report.pdf: the informe of a clinic's follow-up for its staff,
// against the real server on port 0.
#include "assembly_helpers.hpp"

#include "pdf_text.hpp"
#include "server/views/acta_pdf.hpp"
#include "server/views/informe_pdf.hpp"
#include "store/work_item_repo.hpp"

#include <doctest/doctest.h>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_report_test {

namespace {

const std::string clinic = "CSIMB000001"; // the fixture's: budget $400,000.00

using pdf_text::pdf_literal;

bool has(const std::string& pdf, const std::string& utf8) {
    return pdf_text::pdf_has(pdf, utf8);
}

/// A 2025 work item of the clinic, as the assembly's close or a coordinator adds one.
void add_work(running_server& s, const std::string& title, asamblea::domain::centavos approved) {
    using namespace asamblea;
    REQUIRE(s.srv->store().writer().run([&](store::write_context& w) -> domain::status {
        store::work_item_row row;
        row.clues = clinic;
        row.edition = 2025;
        row.item.title = title;
        row.item.category = domain::category::obra;
        row.item.approved = approved;
        row.origin = "coordinacion";
        row.origin_reason = "Prueba del informe";
        store::insert_work_item(w, row);
        return {};
    }));
}

} // namespace

TEST_CASE("informe: money as pesos with centavos") {
    using asamblea::server::pesos_con_centavos;
    CHECK(pesos_con_centavos(0) == "$0.00");
    CHECK(pesos_con_centavos(5) == "$0.05");
    CHECK(pesos_con_centavos(123456) == "$1,234.56");
    CHECK(pesos_con_centavos(40000000) == "$400,000.00");
    CHECK(pesos_con_centavos(-150) == "-$1.50");
}

TEST_CASE("informe: a quote too long for its line wraps clear of its date and amount") {
    using namespace asamblea::server;
    informe_data d;
    d.clinic_name = "Centro de Salud San Juan Chamula";
    d.clues = "CSIMB001234";
    d.edition = 2025;
    d.deadline = "2025-12-24";
    d.generated_at = "2026-01-10T18:00:00Z";
    informe_work w;
    w.title = "Reparación del techo del consultorio";
    w.category = "Obra";
    w.state = "Contratado";
    informe_quote q;
    q.supplier = "Techos y Láminas de Chiapas, S.A. de C.V.";
    q.rfc = "TLC120601QW4";
    q.date = "2025-03-10";
    q.amount = 8'950'000;
    q.chosen = q.cheapest = true;
    w.quotes.push_back(q);
    d.works.push_back(w);
    auto pdf = build_informe_pdf(d);
    // Bold, it is wider than the room left of the date: on one line it ran under «10/03/2025».
    CHECK_FALSE(has(pdf, q.supplier + " · RFC " + q.rfc + " (elegida, la más baja)"));
    CHECK(has(pdf, q.supplier + " · RFC " + q.rfc));
    CHECK(has(pdf, "baja)"));
    CHECK(has(pdf, "10/03/2025"));
    CHECK(has(pdf, "$89,500.00"));
    CHECK(has(pdf, "Fecha límite para comprobar: 24 de diciembre de 2025."));
}

TEST_CASE("informe: the clinic's staff get the follow-up as a PDF; others do not") {
    running_server s;
    add_more_staff(s);
    add_work(s, "Techo de la sala de espera", 9'500'000);
    add_work(s, "Báscula pediátrica", 1'250'050);
    http_client c(s.port);
    const std::string path = "/api/c/" + clinic + "/followup/report.pdf";

    auto coordinator = c.request("GET", path + "?edition=2025", "", bearer(login(c, "coord")));
    REQUIRE(coordinator.status == 200);
    CHECK(coordinator.header("Content-Type").starts_with("application/pdf"));
    const auto& pdf = coordinator.body;
    REQUIRE(pdf.starts_with("%PDF-"));
    CHECK(has(pdf, "Informe de seguimiento a la asamblea"));
    CHECK(has(pdf, "Centro de Salud Ocosingo"));
    CHECK(has(pdf, "CLUES " + clinic));
    CHECK(has(pdf, "Asamblea 2025. Presupuesto de la unidad: $400,000.00."));
    CHECK(has(pdf, "1. Techo de la sala de espera"));
    CHECK(has(pdf, "2. Báscula pediátrica"));
    CHECK(has(pdf, "$107,500.50")); // asignado: both works
    CHECK(has(pdf, "$292,499.50")); // saldo
    CHECK(has(pdf, "Fecha límite para comprobar: 24 de diciembre de 2025."));
    CHECK(has(pdf, "Estado: Planeado."));
    CHECK(has(pdf, "Cabeza de la cadena de la bitácora de la unidad"));

    // The clinic's own moderator may read it; the newest edition by default.
    auto moderator = c.request("GET", path, "", bearer(login(c, "mod")));
    CHECK(moderator.status == 200);
    CHECK(has(moderator.body, "Techo de la sala de espera"));
    // A committee login that holds no seat of the current COSABI does not.
    auto seatless = c.request("GET", path, "", bearer(login(c, "cosabi")));
    CHECK(seatless.status == 403);
    CHECK(body_of(seatless)["error"] == "not_current_member");

    // The public and another clinic's moderator may not.
    CHECK(c.request("GET", path).status == 401);
    auto other = c.request("GET", path, "", bearer(login(c, "mod2")));
    CHECK(other.status == 403);

    // An edition the clinic never had is not found; a malformed one is a bad request.
    auto token = login(c, "coord");
    auto unknown = c.request("GET", path + "?edition=2019", "", bearer(token));
    CHECK(unknown.status == 404);
    CHECK(body_of(unknown)["error"] == "edition_not_found");
    CHECK(c.request("GET", path + "?edition=dosmil", "", bearer(token)).status == 400);
    CHECK(c.request("GET", "/api/c/CSIMB999999/followup/report.pdf", "", bearer(token)).status ==
          404);
}

} // namespace followup_report_test
