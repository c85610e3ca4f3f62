#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include "pdf_text.hpp"
#include "server/views/acta_pdf.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace acta_test {

namespace {

const std::string clinic = "CSIMB000001";

using pdf_text::pdf_literal;

bool has(const std::string& pdf, const std::string& utf8) {
    return pdf_text::pdf_has(pdf, utf8);
}

// The newest event of a clinic's own chain (the acta cites its place in that chain).
std::pair<std::int64_t, std::string> chain_head(running_server& s,
                                                const std::string& clues = clinic) {
    auto db = s.srv->store().readers().acquire();
    SQLite::Statement q(*db, "SELECT chain_seq, hash FROM audit_events WHERE clues = '" + clues +
                                 "' ORDER BY chain_seq DESC LIMIT 1");
    REQUIRE(q.executeStep());
    return {q.getColumn(0).getInt64(), q.getColumn(1).getString()};
}

} // namespace

TEST_CASE("text for the acta: CP1252 and the date in Mexico City") {
    using asamblea::server::fecha_larga;
    using asamblea::server::utf8_to_cp1252;
    CHECK(utf8_to_cp1252("¿Año? ¡Sí! ü «x» — €") == "\xBF"
                                                    "A\xF1o? \xA1S\xED! \xFC \xABx\xBB \x97 \x80");
    CHECK(utf8_to_cp1252("✔") == "?");
    CHECK(fecha_larga("2026-02-21T17:00:00.000Z") == "sábado 21 de febrero de 2026, 11:00 h");
    CHECK(fecha_larga("2026-03-01T03:30:00Z") == "sábado 28 de febrero de 2026, 21:30 h");
    CHECK(fecha_larga("2026-02-21T15:05:00Z") ==
          "sábado 21 de febrero de 2026, 9:05 h"); // as the pages
    CHECK(fecha_larga("mañana") == "mañana");
}

TEST_CASE("the acta is a PDF: a draft for the moderator, public once the assembly is cerrada") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 2, {100000, 150000}, 2);
    std::string base = "/api/c/" + clinic;
    std::string round = base + "/rounds/" + std::to_string(a.round_id);
    {
        ws_client voter(s.port, clinic);
        voter.send({{"type", "hello"}, {"credential", a.codes[0]}});
        REQUIRE(voter.next_of("welcome"));
        voter.send({{"type", "ballot"},
                    {"round_id", a.round_id},
                    {"ballot_id", "acta-0001"},
                    {"choices", {a.proposal_ids[0]}}});
        REQUIRE(voter.next_of("ack"));
    }
    call(c, "POST", round + "/close", token, nullptr, 200);
    auto revealed = call(c, "POST", round + "/reveal", token, nullptr, 200);
    std::string summary = revealed["results"]["summary"];
    REQUIRE_FALSE(summary.empty());
    std::string explanation = revealed["results"]["lines"][0]["explanation"];

    // The COSABI: Persona 0 elected to the presidencia.
    call(c, "POST", base + "/nominations", token,
         {{"role", "presidencia"}, {"attendee_id", a.attendee_ids[0]}}, 201);
    auto election = call(c, "POST", base + "/rounds", token,
                         {{"kind", "election"}, {"role", "presidencia"}}, 201);
    std::string election_path = base + "/rounds/" + std::to_string(election["id"].get<int>());
    call(c, "POST", election_path + "/open", token, nullptr, 200);
    call(c, "POST", election_path + "/close", token, nullptr, 200);
    call(c, "POST", election_path + "/reveal", token, nullptr, 200);

    // Before the close: 409 for the public, a draft for the moderator.
    auto early = c.request("GET", base + "/acta.pdf");
    CHECK(early.status == 409);
    auto draft = c.request("GET", base + "/acta.pdf", "", {{"Authorization", "Bearer " + token}});
    REQUIRE(draft.status == 200);
    CHECK(draft.header("Content-Type") == "application/pdf");
    REQUIRE(draft.body.starts_with("%PDF-"));
    CHECK(has(draft.body, "BORRADOR"));
    CHECK(has(draft.body, "Boletas contadas: 1."));
    CHECK(has(draft.body, "Propuesta 0 — 1 voto (seleccionada)"));
    CHECK(has(draft.body, "Centro de Salud Ocosingo"));
    CHECK(has(draft.body, "sábado 21 de febrero de 2026, 11:00 h"));
    CHECK(has(draft.body, "Elección de presidencia del COSABI"));
    CHECK(has(draft.body, "Presidencia: Persona 0"));

    // A moderator of another clinic gets no draft.
    auto mod = login(c, "mod");
    CHECK(c.request("GET", "/api/c/CSIMB000002/acta.pdf", "", {{"Authorization", "Bearer " + mod}})
              .status == 403);

    call(c, "POST", base + "/assembly/transition", token, {{"to", "cerrada"}}, 200);
    auto head = chain_head(s);
    auto pub = c.request("GET", base + "/acta.pdf");
    REQUIRE(pub.status == 200);
    CHECK(pub.header("Content-Type") == "application/pdf");
    REQUIRE(pub.body.starts_with("%PDF-"));
    CHECK_FALSE(has(pub.body, "BORRADOR"));
    CHECK(has(pub.body, "Acta de la asamblea comunitaria"));
    // The counting rule by what it does in the body; its technical name only in the annex.
    auto plain = pub.body.find(
        pdf_literal("Regla para contar: Los más votados hasta agotar el presupuesto."));
    auto plain_election =
        pub.body.find(pdf_literal("Regla para contar: Los más votados ocupan los lugares."));
    auto annex = pub.body.find(pdf_literal("Anexo técnico: reglas de conteo"));
    REQUIRE(annex != std::string::npos);
    CHECK(plain < annex);
    CHECK(plain_election < annex);
    CHECK(pub.body.find(pdf_literal("greedy")) > annex);
    CHECK(pub.body.find(pdf_literal("Approval Voting")) > annex);
    CHECK(pub.body.find(pdf_literal("greedy")) != std::string::npos);
    CHECK(pub.body.find(pdf_literal("Approval Voting")) != std::string::npos);
    CHECK(has(pub.body, "Centro de Salud Ocosingo"));
    CHECK(has(pub.body, clinic));
    CHECK(has(pub.body, head.second));
    CHECK(has(pub.body,
              "Cierre de la asamblea en la bitácora: evento " + std::to_string(head.first) + "."));

    // The chain goes on (another clinic's assembly moves); a copy printed later still cites
    // the close, not the chain's new head.
    call(c, "POST", "/api/c/CSIMB000002/assembly", token,
         {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}, {"quorum_min", 2}}, 201);
    auto later_head = chain_head(s, "CSIMB000002");
    REQUIRE(later_head.second != head.second);
    auto later = c.request("GET", base + "/acta.pdf");
    REQUIRE(later.status == 200);
    CHECK(has(later.body, head.second));
    CHECK_FALSE(has(later.body, later_head.second));
    CHECK(has(later.body, "evento " + std::to_string(head.first) + "."));
    // Long texts are wrapped: look for their first words.
    CHECK(has(pub.body, summary.substr(0, summary.find(' ', 20))));
    if (!explanation.empty())
        CHECK(has(pub.body, explanation.substr(0, explanation.find(' ', 15))));

    CHECK(c.request("GET", "/api/c/CSIMB999999/acta.pdf").status == 404);
}

TEST_CASE("a long acta wraps its lines and goes on to new pages") {
    asamblea::server::acta_data d;
    d.clinic_name = "Centro de Salud Ocosingo";
    d.clues = clinic;
    d.edition = 2026;
    d.state = "cerrada";
    d.chain_hash = std::string(64, 'a');
    d.generated_at = "2026-02-21T20:00:00Z";
    std::string explanation;
    for (int i = 0; i < 30; ++i)
        explanation += "Recibió muchos votos y cabía en lo que quedaba del presupuesto. ";
    for (int r = 0; r < 12; ++r) {
        asamblea::server::acta_round round;
        round.title = "Votación " + std::to_string(r);
        round.kind = "elección";
        round.ballots = 10;
        for (int l = 0; l < 4; ++l)
            round.lines.push_back({"Opción " + std::to_string(l), l, l == 0, explanation});
        round.summary = "Ganó la opción 0.";
        d.rounds.push_back(round);
    }
    auto pdf = asamblea::server::build_acta_pdf(d);
    REQUIRE(pdf.starts_with("%PDF-"));
    std::size_t pages = 0;
    for (auto at = pdf.find("/Type /Page\n"); at != std::string::npos;
         at = pdf.find("/Type /Page\n", at + 1))
        ++pages;
    CHECK(pages > 5);
    // Wrapped: no line of the explanation is the whole paragraph.
    CHECK(pdf.find(pdf_literal(explanation.substr(0, 200))) == std::string::npos);
    CHECK(has(pdf, "Recibió muchos votos"));
}

} // namespace acta_test
