// Quorum over REST and the live view: opening a round without quorum needs the moderator's
// confirmation (409 sin_quorum otherwise, nothing written); a round closed without quorum
// records it in its result, which the projector, the phones and the acta show; and a round's
// title and option names are cleaned at the API as in the domain.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include "pdf_text.hpp"

#include <doctest/doctest.h>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace quorum_test {

namespace {

const std::string clinic = "CSIMB000001";
const std::string base = "/api/c/" + clinic;

long long count_of(running_server& s, const std::string& sql) {
    auto db = s.srv->store().readers().acquire();
    return db->execAndGet(sql).getInt64();
}

http_reply post(http_client& c, const std::string& path, const std::string& token,
                const std::string& body) {
    return c.request("POST", base + path, body, {{"Authorization", "Bearer " + token}});
}

std::string round_path(std::int64_t id, const std::string& action) {
    return "/rounds/" + std::to_string(id) + "/" + action;
}

using pdf_text::pdf_has;

} // namespace

TEST_CASE("opening a round without quorum is refused until the moderator confirms it") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto mod = login(c, "mod");
    // One person checked in; the quorum is 2.
    auto a = setup_assembly(c, token, clinic, 1, {100000}, 1, false);
    auto events = count_of(s, "SELECT count(*) FROM audit_events");

    for (std::string body :
         {"", "{}", R"({"confirm_without_quorum":false})", R"({"duration_seconds":60})"}) {
        CAPTURE(body);
        auto refused = post(c, round_path(a.round_id, "open"), mod, body);
        CHECK(refused.status == 409);
        auto e = json::parse(refused.body);
        CHECK(e["error"] == "sin_quorum");
        CHECK(e["field"] == "confirm_without_quorum");
        CHECK(e["message"] == "Aún no hay quórum: hay 1 asistente presente y se requieren 2. Si "
                              "abre la votación así, su resultado no será válido. Para abrirla "
                              "de todos modos, confírmelo.");
    }
    // Nothing was written: still preparada, nothing in the chain.
    auto listed = call(c, "GET", base + "/rounds", mod, nullptr, 200);
    CHECK(listed["items"][0]["status"] == "preparada");
    CHECK(count_of(s, "SELECT count(*) FROM audit_events") == events);

    // The flag is a boolean, nothing else.
    CHECK(
        post(c, round_path(a.round_id, "open"), mod, R"({"confirm_without_quorum":"si"})").status ==
        400);

    auto opened = post(c, round_path(a.round_id, "open"), mod,
                       R"({"confirm_without_quorum":true,"duration_seconds":600})");
    REQUIRE_MESSAGE(opened.status == 200, opened.body);
    CHECK(json::parse(opened.body)["status"] == "abierta");
    CHECK(json::parse(opened.body)["closes_at"].is_string());
}

TEST_CASE("with quorum a round opens without any confirmation") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 2, {100000}, 1, false);
    auto opened = post(c, round_path(a.round_id, "open"), token, "");
    REQUIRE_MESSAGE(opened.status == 200, opened.body);
    CHECK(json::parse(opened.body)["status"] == "abierta");
}

TEST_CASE("a budget round closed without quorum says so in its result, live view and acta") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 1, {100000, 150000}, 2); // opened, confirmed
    {
        ws_client voter(s.port, clinic);
        voter.send({{"type", "hello"}, {"credential", a.codes[0]}});
        REQUIRE(voter.next_of("welcome"));
        voter.send({{"type", "ballot"},
                    {"round_id", a.round_id},
                    {"ballot_id", "sin-quorum-1"},
                    {"choices", {a.proposal_ids[0]}}});
        REQUIRE(voter.next_of("ack"));
    }
    ws_client projector(s.port, clinic);
    projector.send({{"type", "hello"}});
    REQUIRE(projector.next_of("welcome"));

    call(c, "POST", base + round_path(a.round_id, "close"), token, nullptr, 200);
    auto revealed = call(c, "POST", base + round_path(a.round_id, "reveal"), token, nullptr, 200);
    const auto& results = revealed["results"];
    REQUIRE(results.is_object());
    CHECK(results["quorum_met"] == false);
    CHECK(results["present"] == 1);
    CHECK(results["quorum"] == 2);
    CHECK(results["summary"] ==
          "Sin quórum: había 1 asistente presente y se requieren 2; el resultado no es válido.");
    for (const auto& line : results["lines"])
        CHECK(line["explanation"].get<std::string>().find("Seleccionada") == std::string::npos);

    // The stored result (and the chain's copy) records it too.
    CHECK(count_of(s, "SELECT count(*) FROM rounds WHERE id = " + std::to_string(a.round_id) +
                          " AND json_extract(result, '$.quorum_met') = 0") == 1);

    // Projector and phones get it in the snapshot.
    auto shown =
        projector.snapshot_where([](const json& m) { return m["round"]["revealed"] == true; });
    REQUIRE(shown);
    CHECK((*shown)["round"]["results"]["quorum_met"] == false);

    auto acta = c.request("GET", base + "/acta.pdf", "", {{"Authorization", "Bearer " + token}});
    REQUIRE(acta.status == 200);
    CHECK(pdf_has(acta.body, "Sin quórum al cerrar (1 asistente presente; se requerían 2): "
                             "resultado no válido."));
    CHECK(pdf_has(acta.body, "Propuesta 0 — 1 voto"));
    CHECK_FALSE(pdf_has(acta.body, "(seleccionada)"));
}

TEST_CASE("a round closed with quorum records quorum_met") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 2, {100000}, 1);
    call(c, "POST", base + round_path(a.round_id, "close"), token, nullptr, 200);
    auto revealed = call(c, "POST", base + round_path(a.round_id, "reveal"), token, nullptr, 200);
    CHECK(revealed["results"]["quorum_met"] == true);
    CHECK(revealed["results"]["summary"].get<std::string>().starts_with("Se eligieron"));
}

TEST_CASE("a round's title and option names with control characters are refused at the API") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    setup_assembly(c, token, clinic, 2, {100000}, 1, false);
    auto rounds = count_of(s, "SELECT count(*) FROM rounds");

    // JSON carries NUL and escape characters as \u0000 and \u001b; they reach the domain intact.
    auto nul_title =
        post(c, "/rounds", token,
             json{{"kind", "motion"}, {"title", std::string("Moción\0oculta", 14)}}.dump());
    CHECK(nul_title.status == 400);
    CHECK(json::parse(nul_title.body)["error"] == "invalid_field");
    CHECK(json::parse(nul_title.body)["field"] == "title");
    CHECK(json::parse(nul_title.body)["message"] == "El título tiene caracteres no válidos.");

    auto escape_label = post(
        c, "/rounds", token,
        json{{"kind", "election"},
             {"title", "Elección"},
             {"options",
              {{{"id", "1"}, {"label", "Ana"}}, {{"id", "2"}, {"label", "Luis\x1b]0;hola\x07"}}}}}
            .dump());
    CHECK(escape_label.status == 400);
    CHECK(json::parse(escape_label.body)["field"] == "options");
    CHECK(count_of(s, "SELECT count(*) FROM rounds") == rounds);

    // Spaces are tidied, as in a proposal's title.
    auto ok =
        post(c, "/rounds", token,
             json{{"kind", "election"},
                  {"title", "  Elección   de\tprueba "},
                  {"options",
                   {{{"id", "1"}, {"label", " Ana  López "}}, {{"id", "2"}, {"label", "Luis"}}}}}
                 .dump());
    REQUIRE_MESSAGE(ok.status == 201, ok.body);
    auto made = json::parse(ok.body);
    CHECK(made["title"] == "Elección de prueba");
    CHECK(made["options"][0]["label"] == "Ana López");
}

} // namespace quorum_test
