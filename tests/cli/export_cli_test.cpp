// `asamblea export` through the real binary over a real server's data: revealed results are in,
// unrevealed results, attendees' names, identifiers and credentials are not.
#include "assembly_setup.hpp"
#include "run_command.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace export_cli_test {

namespace {

// Runs export with `args` and returns stdout alone (stderr would corrupt the document).
std::string export_text(const std::string& data, const std::string& args) {
    auto r = run_command("export --data '" + data + "' " + args + " 2>/dev/null");
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    return r.output;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

void vote(unsigned short port, const assembly_setup& s, std::size_t voter,
          const std::string& choice) {
    ws_client ws(port, s.clues);
    ws.send({{"type", "hello"}, {"credential", s.codes[voter]}});
    REQUIRE(ws.next_of("welcome"));
    ws.send({{"type", "ballot"},
             {"round_id", s.round_id},
             {"ballot_id", "voto-000" + std::to_string(voter)},
             {"choices", {choice}}});
    REQUIRE(ws.next_of("ack"));
}

} // namespace

TEST_CASE("asamblea export publishes revealed results and nothing about attendees") {
    running_server server;
    http_client c(server.port);
    auto token = login(c, "coord");
    auto s = setup_assembly(c, token, "CSIMB000001", 4, {1000, 2000, 3000}, 1);
    const std::string base = "/api/c/" + s.clues + "/rounds/";
    vote(server.port, s, 0, s.proposal_ids[0]);
    vote(server.port, s, 1, s.proposal_ids[0]);
    vote(server.port, s, 2, s.proposal_ids[1]);
    call(c, "POST", base + std::to_string(s.round_id) + "/close", token, nullptr, 200);
    call(c, "POST", base + std::to_string(s.round_id) + "/reveal", token, nullptr, 200);
    // A second round closes without being revealed: its results stay out.
    auto hidden = call(c, "POST", "/api/c/" + s.clues + "/rounds", token,
                       {{"kind", "motion"}, {"title", "Moción sin publicar"}}, 201);
    const std::string hidden_path = base + std::to_string(hidden["id"].get<std::int64_t>());
    call(c, "POST", hidden_path + "/open", token, nullptr, 200);
    s.round_id = hidden["id"];
    vote(server.port, s, 3, "si");
    call(c, "POST", hidden_path + "/close", token, nullptr, 200);

    const std::string data = server.dir.str();
    auto text = export_text(data, "");
    auto doc = json::parse(text);
    REQUIRE(doc["clinics"].size() == 3);
    const json* clinic = nullptr;
    for (const auto& cl : doc["clinics"])
        if (cl["clues"] == s.clues)
            clinic = &cl;
    REQUIRE(clinic != nullptr);
    REQUIRE((*clinic)["assemblies"].size() == 1);
    const auto& rounds = (*clinic)["assemblies"][0]["rounds"];
    REQUIRE(rounds.size() == 2);
    CHECK(rounds[0]["revealed"] == true);
    CHECK(rounds[0]["ballots"] == 3);
    const auto& lines = rounds[0]["results"]["lines"];
    REQUIRE(lines.size() == 3);
    CHECK(lines[0]["label"] == "Propuesta 0");
    CHECK(lines[0]["votes"] == 2);
    CHECK(rounds[1]["revealed"] == false);
    CHECK(rounds[1]["results"].is_null());
    // Attendees were "Persona N" with identifiers "CSIMB000001-N": none of it is exported.
    CHECK(text.find("Persona 2") == std::string::npos);
    CHECK(text.find(s.clues + "-2") == std::string::npos);
    for (const auto& code : s.codes)
        CHECK(text.find(code) == std::string::npos);

    // CSV: the header and one row per line of the revealed round only.
    auto csv = lines_of(export_text(data, "--format csv"));
    REQUIRE(csv.size() == 1 + 3);
    CHECK(csv[0] ==
          "clues,clinica,edicion,ronda_id,ronda,tipo,opcion_id,opcion,votos,seleccionada");
    CHECK(csv[1].rfind(s.clues + ",Centro de Salud Ocosingo,2026,", 0) == 0);
    CHECK(csv[1].find(",Propuesta 0,2,") != std::string::npos);

    // One clinic, into a file replaced whole; a clinic without assemblies has none.
    test_dir out;
    const fs::path file = out.path / "datos.json";
    export_text(data, "--clues csimb000002 --out '" + file.string() + "'");
    std::ifstream in(file);
    auto one = json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
    REQUIRE(one["clinics"].size() == 1);
    CHECK(one["clinics"][0]["clues"] == "CSIMB000002");
    CHECK(one["clinics"][0]["assemblies"].empty());
    CHECK(std::distance(fs::directory_iterator(out.path), fs::directory_iterator()) == 1);
}

TEST_CASE("asamblea export guards CSV cells that a spreadsheet would run as formulas") {
    running_server server;
    http_client c(server.port);
    auto token = login(c, "coord");
    auto s = setup_assembly(c, token, "CSIMB000001", 2, {1000}, 1);
    const std::string base = "/api/c/" + s.clues + "/rounds/";
    call(c, "POST", base + std::to_string(s.round_id) + "/close", token, nullptr, 200);
    // A title typed by a moderator, as hostile as a title can be.
    const std::string hostile = "=HYPERLINK(\"http://ejemplo.invalid\",\"clic\")";
    auto motion = call(c, "POST", "/api/c/" + s.clues + "/rounds", token,
                       {{"kind", "motion"}, {"title", hostile}}, 201);
    const std::string path = base + std::to_string(motion["id"].get<std::int64_t>());
    call(c, "POST", path + "/open", token, nullptr, 200);
    s.round_id = motion["id"];
    vote(server.port, s, 0, "si");
    call(c, "POST", path + "/close", token, nullptr, 200);
    call(c, "POST", path + "/reveal", token, nullptr, 200);

    auto csv = lines_of(export_text(server.dir.str(), "--format csv"));
    int guarded = 0;
    for (const auto& row : csv) {
        CHECK_MESSAGE(row.find(",=") == std::string::npos, row);
        CHECK_MESSAGE(row.find(",\"=") == std::string::npos, row);
        if (row.find("\"'=HYPERLINK(\"\"http://ejemplo.invalid\"\",\"\"clic\"\")\"") !=
            std::string::npos)
            ++guarded;
    }
    CHECK(guarded > 0); // the motion's rows carry the title, apostrophe first
}

TEST_CASE("asamblea export of the demo, and its errors") {
    test_dir data;
    auto seeded = run_command("seed-demo --data '" + data.str() + "'");
    REQUIRE_MESSAGE(seeded.exit_code == 0, seeded.output);
    auto doc = json::parse(export_text(data.str(), "--format json"));
    REQUIRE(doc["clinics"].size() == 3);
    // Last year's assembly, closed with its budget round and elections; this year's, still
    // convocada, without rounds.
    const auto& assemblies = doc["clinics"][0]["assemblies"];
    REQUIRE(assemblies.size() == 2);
    CHECK(assemblies[0]["edition"] == 2025);
    CHECK_FALSE(assemblies[0]["rounds"].empty());
    CHECK(assemblies[1]["edition"] == 2026);
    CHECK(assemblies[1]["rounds"].empty());
    CHECK(lines_of(export_text(data.str(), "--format csv")).size() > 1); // 2025's lines

    auto unknown = run_command("export --data '" + data.str() + "' --clues CSIMB999999");
    CHECK(unknown.exit_code != 0);
    CHECK_MESSAGE(unknown.output.find("CSIMB999999") != std::string::npos, unknown.output);
    auto malformed = run_command("export --data '" + data.str() + "' --clues nada");
    CHECK(malformed.exit_code != 0);
    auto format = run_command("export --data '" + data.str() + "' --format xml");
    CHECK(format.exit_code != 0);
    test_dir empty;
    const fs::path file = empty.path / "x.json";
    auto no_db = run_command("export --data '" + (empty.path / "nada").string() + "' --out '" +
                             file.string() + "'");
    CHECK(no_db.exit_code != 0);
    CHECK_FALSE(fs::exists(file));
}

} // namespace export_cli_test
