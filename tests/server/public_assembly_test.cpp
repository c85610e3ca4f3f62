// An assembly's public record (GET /api/public/c/{clues}/assembly) and the acta by edition,
// against the real server on port 0: the newest closed assembly by default, counts but never the
// attendees, results only once revealed.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace public_assembly_test {

namespace {

const std::string clinic = "CSIMB000001";
const std::string base = "/api/c/" + clinic;
const std::string public_record = "/api/public/c/" + clinic + "/assembly";

json get_json(http_client& c, const std::string& target, unsigned expect = 200) {
    auto r = c.request("GET", target);
    CHECK_MESSAGE(r.status == expect, target << " → " << r.status << " " << r.body);
    return r.body.empty() ? json() : json::parse(r.body);
}

} // namespace

TEST_CASE(
    "the public record shows the newest closed assembly: counts, revealed results, the COSABI") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");

    // Nothing yet: a clear 404.
    CHECK(get_json(c, public_record, 404)["error"] == "no_assembly");

    auto a = setup_assembly(c, token, clinic, 3, {100000, 150000}, 1);
    {
        ws_client voter(s.port, clinic);
        voter.send({{"type", "hello"}, {"credential", a.codes[1]}});
        REQUIRE(voter.next_of("welcome"));
        voter.send({{"type", "ballot"},
                    {"round_id", a.round_id},
                    {"ballot_id", "publico-0001"},
                    {"choices", {a.proposal_ids[1]}}});
        REQUIRE(voter.next_of("ack"));
    }
    std::string round = base + "/rounds/" + std::to_string(a.round_id);
    call(c, "POST", round + "/close", token, nullptr, 200);

    // Closed but not revealed: the round is listed, its result is not public yet.
    auto early = get_json(c, public_record);
    CHECK(early["edition"] == 2026);
    CHECK(early["state"] == "en_sesion");
    CHECK(early["attendance"] == 3);
    CHECK(early["quorum_met"] == true);
    REQUIRE(early["rounds"].size() == 1);
    CHECK(early["rounds"][0]["results"].is_null());
    CHECK(early["acta_url"].is_null());

    call(c, "POST", round + "/reveal", token, nullptr, 200);
    call(c, "POST", base + "/nominations", token,
         {{"role", "presidencia"}, {"attendee_id", a.attendee_ids[0]}}, 201);
    auto election = call(c, "POST", base + "/rounds", token,
                         {{"kind", "election"}, {"role", "presidencia"}}, 201);
    std::string election_path = base + "/rounds/" + std::to_string(election["id"].get<int>());
    call(c, "POST", election_path + "/open", token, nullptr, 200);
    call(c, "POST", election_path + "/close", token, nullptr, 200);
    call(c, "POST", election_path + "/reveal", token, nullptr, 200);
    call(c, "POST", base + "/assembly/transition", token, {{"to", "cerrada"}}, 200);

    // The next year's assembly is convocada: the public still sees 2026, the last decided.
    call(c, "POST", base + "/assembly", token,
         {{"edition", 2027}, {"scheduled_at", "2027-02-20T17:00:00.000Z"}, {"quorum_min", 2}}, 201);
    auto reply = c.request("GET", public_record);
    REQUIRE(reply.status == 200);
    auto record = json::parse(reply.body);
    CHECK(record["edition"] == 2026);
    CHECK(record["state"] == "cerrada");
    CHECK(record["editions"] == json::array({{{"edition", 2027}, {"state", "convocada"}},
                                             {{"edition", 2026}, {"state", "cerrada"}}}));
    REQUIRE(record["rounds"].size() == 2);
    auto budget = record["rounds"][0]["results"];
    CHECK(budget["ballots"] == 1);
    REQUIRE(budget["lines"].size() == 2);
    CHECK(budget["lines"][1]["label"] == "Propuesta 1");
    CHECK(budget["lines"][1]["votes"] == 1);
    CHECK(budget["lines"][1]["selected"] == true);
    CHECK_FALSE(budget["lines"][1]["explanation"].get<std::string>().empty());
    REQUIRE(record["committee"].size() == 1);
    CHECK(record["committee"][0]["role_label"] == "Presidencia");
    CHECK(record["committee"][0]["nombre"] == "Persona 0"); // elected: a public officer
    CHECK(record["acta_url"] == base + "/acta.pdf?edition=2026");
    // The other attendees are counts, never names or identifiers.
    for (const auto& secret : {"Persona 1", "Persona 2", "CSIMB000001-1", "CSIMB000001-2"})
        CHECK_MESSAGE(reply.body.find(secret) == std::string::npos, secret);

    auto convocada = get_json(c, public_record + "?edition=2027");
    CHECK(convocada["state"] == "convocada");
    CHECK(convocada["rounds"].empty());
    CHECK(get_json(c, public_record + "?edition=2019", 404)["error"] == "no_assembly");
    CHECK(get_json(c, public_record + "?edition=dos", 400)["error"] == "edition_invalid");

    // The acta: the public gets the closed 2026 one; 2027 is not closed; the staff's default is
    // the current assembly's draft.
    auto acta = c.request("GET", record["acta_url"].get<std::string>());
    CHECK(acta.status == 200);
    CHECK(acta.body.starts_with("%PDF-"));
    CHECK(acta.body.find("Edici\\363n 2026") != std::string::npos); // octal: PDF string escape
    auto by_default = c.request("GET", base + "/acta.pdf");
    CHECK(by_default.status == 200);
    CHECK(by_default.body.find("Edici\\363n 2026") != std::string::npos);
    CHECK(c.request("GET", base + "/acta.pdf?edition=2027").status == 409);
    auto draft = c.request("GET", base + "/acta.pdf", "", {{"Authorization", "Bearer " + token}});
    CHECK(draft.status == 200);
    CHECK(draft.body.find("Edici\\363n 2027") != std::string::npos);
    CHECK(draft.body.find("BORRADOR") != std::string::npos);
}

} // namespace public_assembly_test
