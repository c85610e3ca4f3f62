// The open data over the wire (issue 15): a clinic's works appear only once its assembly closes,
// without login, and carry nothing private: not the attendee checked in, her identifier or
// credential, the staff's usernames, a voided quote, a photo's position or note.
#include "followup_helpers.hpp"

#include <doctest/doctest.h>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace open_data_test {

using nlohmann::json;

TEST_CASE("open data: only closed assemblies' works, public fields only, no login") {
    followup_env e;
    auto& tok = e.presidenta;
    e.move_to("registro");
    auto attendee = e.check_in("Rosa Secreta Hernández", "HEGR800101MCSRRS09");
    const std::string code = attendee["credential"]["code"].get<std::string>();

    REQUIRE(e.as(tok, "POST", e.work_path("/move"), {{"to", "cotizando"}}).status == 200);
    std::vector<std::int64_t> quotes;
    for (auto [supplier, rfc, amount] :
         {std::tuple{"Equipos del Sur", "EKU9003173C9", 4800000},
          {"Médica Maya", "AABF800614HI0", 4900000},
          {"Proveedor Retirado Privado", "XAXX010101000", 4700000}}) {
        auto q = e.as(tok, "POST", e.work_path("/quotes"),
                      {{"supplier", supplier},
                       {"rfc", rfc},
                       {"amount_centavos", amount},
                       {"date", "2026-03-01"},
                       {"file_sha256", e.upload(tok, pdf_bytes(rfc))}});
        REQUIRE_MESSAGE(q.status == 201, q.body);
        quotes.push_back(body_of(q)["id"]);
    }
    REQUIRE(e.as(tok, "POST", "/quotes/" + std::to_string(quotes[2]) + "/void",
                 {{"reason", "Retiró su oferta"}})
                .status == 200);
    REQUIRE(e.as(tok, "POST", e.work_path("/choose-quote"),
                 {{"quote_id", quotes[1]}, {"reason", "Entrega en 5 días, no en 60"}})
                .status == 200);
    auto photo = e.as(tok, "POST", e.work_path("/evidence"),
                      {{"kind", "foto_antes"},
                       {"file_sha256", e.upload(tok, png_bytes("antes"))},
                       {"taken_at", "2026-03-10T16:00:00.000Z"},
                       {"latitude", 16.9123},
                       {"longitude", -92.1234},
                       {"note", "Nota interna de la presidenta"}});
    REQUIRE_MESSAGE(photo.status == 201, photo.body);

    // While the assembly runs, nothing is published.
    auto before = e.c.request("GET", "/api/open/followup.json?clues=CSIMB000001");
    REQUIRE_MESSAGE(before.status == 200, before.body);
    CHECK(body_of(before)["clinics"][0]["works"] == json::array());
    CHECK(body_of(e.c.request("GET", "/api/open/followup.json"))["clinics"] == json::array());
    auto no_package = e.c.request("GET", "/api/open/ocds.json?clues=CSIMB000001");
    CHECK(no_package.status == 404);
    CHECK(body_of(no_package)["error"] == "no_open_works");

    e.move_to("en_sesion");
    e.move_to("cerrada");

    std::map<std::string, std::string> answers;
    for (const char* path :
         {"/api/open/followup.json", "/api/open/works.csv", "/api/open/quotes.csv",
          "/api/open/expenses.csv", "/api/open/evidence.csv", "/api/open/ocds.json"}) {
        auto r = e.c.request("GET", path);
        CAPTURE(path);
        REQUIRE_MESSAGE(r.status == 200, r.body);
        answers[path] = r.body;
    }
    auto doc = json::parse(answers["/api/open/followup.json"]);
    REQUIRE(doc["clinics"].size() == 1);
    const auto& work = doc["clinics"][0]["works"].at(0);
    CHECK(work["title"] == "Ultrasonido portátil");
    CHECK(work["approved_centavos"] == 5000000);
    CHECK(work["state"] == "cotizando");
    REQUIRE(work["quotes"].size() == 2); // the voided one counts for nothing
    CHECK(work["quotes"][1]["chosen"] == true);
    CHECK(work["chosen_reason"] == "Entrega en 5 días, no en 60");
    REQUIRE(work["evidence"].size() == 1);
    CHECK(work["evidence"][0]["taken_on"] == "2026-03-10");
    CHECK(work["evidence"][0]["kind"] == "foto_antes");
    CHECK(answers["/api/open/quotes.csv"].find("Médica Maya,AABF800614HI0,49000.00,2026-03-01,"
                                               "true,\"Entrega en 5 días, no en 60\"") !=
          std::string::npos);
    auto ocds = json::parse(answers["/api/open/ocds.json"]);
    REQUIRE(ocds["releases"].size() == 1);
    CHECK(ocds["releases"][0]["ocid"] ==
          "ocds-asamblea-CSIMB000001-2026-" + std::to_string(e.work_id));
    CHECK(ocds["releases"][0]["awards"][0]["description"] == "Entrega en 5 días, no en 60");

    const std::vector<std::string> secrets = {"Rosa Secreta",
                                              "HEGR800101MCSRRS09",
                                              code,
                                              "presidenta",
                                              "tesorera",
                                              "anterior",
                                              "coord\"",
                                              "Proveedor Retirado",
                                              "Retiró su oferta",
                                              "16.9123",
                                              "-92.1234",
                                              "Nota interna",
                                              "Acordado en la asamblea",
                                              "latitude",
                                              "uploaded_by",
                                              "\"note\""};
    for (const auto& [path, body] : answers)
        for (const auto& s : secrets) {
            CAPTURE(path);
            CHECK_MESSAGE(body.find(s) == std::string::npos, "leaks «" << s << "»");
        }
}

} // namespace open_data_test
