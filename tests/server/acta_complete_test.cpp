// The completed acta (issue 15 item 4), checked the way a reader meets it: a real assembly run
// over the wire, its PDF turned into text by pdftotext and into pictures by pdftoppm, and the QR
// code read back by zbarimg. The tools come from scripts/lib/packages-test.txt (poppler-utils,
// zbar-tools); without them the test fails and says what to install.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include "pdf_text.hpp"
#include "server/views/acta_pdf.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sys/wait.h>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace acta_complete_test {

namespace {

const std::string clinic = "CSIMB000001";

struct shell_result {
    int exit_code = -1;
    std::string output;
};

// Runs `cmd` in a shell: its exit code and its output (stderr too unless `quiet_errors`).
shell_result shell(const std::string& cmd, bool quiet_errors = false) {
    shell_result r;
    FILE* pipe = popen((cmd + (quiet_errors ? " 2>/dev/null" : " 2>&1")).c_str(), "r");
    if (!pipe)
        return r;
    std::array<char, 4096> buf{};
    while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe))
        r.output.append(buf.data(), n);
    int status = pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

// Fails (never skips) when a tool the test needs is missing, naming the package that has it.
void require_tool(const std::string& tool, const std::string& package) {
    auto found = shell("command -v " + tool);
    REQUIRE_MESSAGE(found.exit_code == 0, tool << " is missing: install the Debian package «"
                                               << package
                                               << "» (scripts/test installs "
                                                  "scripts/lib/packages-test.txt)");
}

// The width and height a PNG file declares (its IHDR chunk); {0, 0} when it is not a PNG.
std::pair<unsigned, unsigned> png_size(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::array<unsigned char, 24> head{};
    in.read(reinterpret_cast<char*>(head.data()), head.size());
    if (in.gcount() != 24 || head[0] != 0x89 || head[1] != 'P' || head[2] != 'N' || head[3] != 'G')
        return {0, 0};
    auto be32 = [&](std::size_t at) {
        return (unsigned{head[at]} << 24) | (unsigned{head[at + 1]} << 16) |
               (unsigned{head[at + 2]} << 8) | unsigned{head[at + 3]};
    };
    return {be32(16), be32(20)};
}

// The times of the assembly's state changes as the chain recorded them (UTC), oldest first.
std::vector<std::pair<std::string, std::string>> transitions(running_server& s) {
    auto db = s.srv->store().readers().acquire();
    SQLite::Statement q(*db, "SELECT json_extract(payload, '$.to'), at FROM audit_events WHERE "
                             "type = 'assembly.transition' AND clues = '" +
                                 clinic + "' ORDER BY seq");
    std::vector<std::pair<std::string, std::string>> out;
    while (q.executeStep())
        out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
    return out;
}

std::string chain_head_hash(running_server& s) {
    auto db = s.srv->store().readers().acquire();
    SQLite::Statement q(*db, "SELECT hash FROM audit_events WHERE clues = '" + clinic +
                                 "' ORDER BY chain_seq DESC LIMIT 1");
    REQUIRE(q.executeStep());
    return q.getColumn(0).getString();
}

// Collapses runs of spaces (pdftotext -layout pads columns) so phrases can be searched.
std::string squeeze(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ') {
            space = true;
            continue;
        }
        if (space && !out.empty() && out.back() != '\n' && c != '\n')
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

struct vote_plan {
    std::string code;
    std::string choice;
};

void cast(unsigned short port, std::int64_t round_id, const std::vector<vote_plan>& votes) {
    int n = 0;
    for (const auto& v : votes) {
        ws_client voter(port, clinic);
        voter.send({{"type", "hello"}, {"credential", v.code}});
        REQUIRE(voter.next_of("welcome"));
        voter.send({{"type", "ballot"},
                    {"round_id", round_id},
                    {"ballot_id", "completa-" + std::to_string(++n)},
                    {"choices", {v.choice}}});
        REQUIRE(voter.next_of("ack"));
    }
}

} // namespace

TEST_CASE("every page of a long acta says «Página N de M», signatures and QR included") {
    asamblea::server::acta_data d;
    d.clinic_name = "Centro de Salud Ocosingo";
    d.clues = clinic;
    d.edition = 2026;
    d.state = "cerrada";
    d.chain_hash = std::string(64, 'b');
    d.generated_at = "2026-02-21T20:00:00Z";
    d.public_page = "https://asamblea.example.mx/c/" + clinic;
    d.staff = {{"mod.ocosingo", "moderación"}};
    for (int i = 0; i < 60; ++i)
        d.proposals.push_back({"Propuesta " + std::to_string(i), "Obra", "$1,000.00",
                               "Aceptada; no se sometió a votación."});
    for (int i = 0; i < 30; ++i)
        d.incidents.push_back(
            {"2026-02-21T18:00:00Z", "Incidencia número " + std::to_string(i), ""});
    d.committee = {{"Presidencia", "Ana"}, {"Tesorería", "Luis"}, {"Vocalía 1", "Rosa"}};
    auto pdf = asamblea::server::build_acta_pdf(d);
    std::size_t pages = 0;
    for (auto at = pdf.find("/Type /Page\n"); at != std::string::npos;
         at = pdf.find("/Type /Page\n", at + 1))
        ++pages;
    REQUIRE(pages >= 3);
    for (std::size_t n = 1; n <= pages; ++n)
        CHECK_MESSAGE(pdf_text::pdf_has(pdf, "Acta " + clinic + " 2026 · Página " +
                                                 std::to_string(n) + " de " +
                                                 std::to_string(pages)),
                      "page " << n);
    CHECK_FALSE(pdf_text::pdf_has(pdf, "Página " + std::to_string(pages + 1) + " de"));
    CHECK(pdf_text::pdf_has(pdf, "12:00 h: Incidencia número 29"));
    CHECK(pdf_text::pdf_has(pdf, "Moderación de la asamblea (moderación)"));
    CHECK(pdf_text::pdf_has(pdf, "Vocalía 1 del COSABI"));
    CHECK(pdf_text::pdf_has(pdf, "https://asamblea.example.mx/c/" + clinic));
    CHECK(asamblea::server::hora_local("2026-02-21T18:05:00Z") == "12:05 h");
    CHECK(asamblea::server::hora_local("tarde") == "tarde");
}

TEST_CASE("incidents: the moderator notes and lists them; nobody else, and not after the close") {
    running_server s;
    http_client c(s.port);
    auto coord = login(c, "coord");
    auto mod = login(c, "mod");
    std::string base = "/api/c/" + clinic;
    CHECK(c.request("GET", base + "/incidents", "", {{"Authorization", "Bearer " + mod}}).status ==
          404);
    call(c, "POST", base + "/assembly", coord,
         {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}, {"quorum_min", 2}}, 201);
    auto early = call(c, "POST", base + "/incidents", mod, {{"text", "Antes de abrir"}}, 409);
    CHECK(early["error"] == "wrong_state");
    call(c, "POST", base + "/assembly/transition", mod, {{"to", "registro"}}, 200);

    auto noted =
        call(c, "POST", base + "/incidents", mod, {{"text", "  Se fue la luz 10 minutos.  "}}, 201);
    CHECK(noted["text"] == "Se fue la luz 10 minutos.");
    CHECK(noted["by"] == "mod");
    CHECK(noted["id"].is_number_integer());
    CHECK_FALSE(noted["at"].get<std::string>().empty());
    auto empty = call(c, "POST", base + "/incidents", mod, {{"text", "  "}}, 400);
    CHECK(empty["field"] == "text");
    call(c, "POST", base + "/incidents", mod, {{"text", std::string(501, 'x')}}, 400);
    call(c, "POST", base + "/incidents", mod, {{"texto", "otro campo"}}, 400);
    call(c, "POST", base + "/incidents", mod, json::array(), 400);
    // Only the clinic's moderator or a coordinator: not the public, not another clinic's.
    CHECK(c.request("POST", base + "/incidents", json{{"text", "Sin sesión"}}.dump()).status ==
          401);
    CHECK(c.request("GET", base + "/incidents").status == 401);
    CHECK(c.request("GET", "/api/c/CSIMB000002/incidents", "", {{"Authorization", "Bearer " + mod}})
              .status == 403);
    call(c, "POST", base + "/incidents", coord, {{"text", "La coordinación pasó lista."}}, 201);

    auto listed = call(c, "GET", base + "/incidents", mod, nullptr, 200);
    REQUIRE(listed["items"].size() == 2);
    CHECK(listed["items"][0]["text"] == "Se fue la luz 10 minutos.");
    CHECK(listed["items"][1]["by"] == "coord");

    // The public never reads an incident before the acta is out: not in the chain (a digest
    // only), not on the clinic's public answers.
    for (const auto* path : {"/api/c/CSIMB000001/chain", "/api/public/c/CSIMB000001/assembly"}) {
        auto pub = c.request("GET", path);
        CHECK_MESSAGE(pub.body.find("luz") == std::string::npos, path);
    }

    call(c, "POST", base + "/assembly/transition", mod, {{"to", "en_sesion"}}, 200);
    call(c, "POST", base + "/assembly/transition", mod, {{"to", "cerrada"}}, 200);
    auto late = call(c, "POST", base + "/incidents", mod, {{"text", "Después del cierre"}}, 409);
    CHECK(late["error"] == "wrong_state");
    CHECK(call(c, "GET", base + "/incidents", mod, nullptr, 200)["items"].size() == 2);
}

TEST_CASE("the completed acta: attendance by sex, times, moderators, every proposal's fate, "
          "incidents, signatures, page numbers and a QR code to the public page") {
    require_tool("pdftotext", "poppler-utils");
    require_tool("pdftoppm", "poppler-utils");
    require_tool("zbarimg", "zbar-tools");

    running_server s;
    http_client c(s.port);
    auto coord = login(c, "coord");
    auto mod = login(c, "mod");
    std::string base = "/api/c/" + clinic;
    call(c, "POST", base + "/assembly", coord,
         {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}, {"quorum_min", 2}}, 201);
    call(c, "POST", base + "/assembly/transition", mod, {{"to", "registro"}}, 200);

    // Five people: three women, a man and one of another sex.
    const std::array<const char*, 5> sexes = {"mujer", "mujer", "hombre", "otro", "mujer"};
    std::vector<std::string> codes;
    std::vector<std::int64_t> attendee_ids;
    for (std::size_t i = 0; i < sexes.size(); ++i) {
        auto r = call(c, "POST", base + "/attendees", mod,
                      {{"nombre", "Asistente " + std::to_string(i)},
                       {"identificador", "ACTA-" + std::to_string(i)},
                       {"sexo", sexes[i]},
                       {"mayor_de_edad", true}},
                      201);
        codes.push_back(r["credential"]["code"]);
        attendee_ids.push_back(r["attendee"]["id"]);
    }

    // Proposals: two accepted and voted (one fits the $400,000 budget, the other no longer
    // does), one merged into the first, one rejected with its reason, one never reviewed.
    auto propose = [&](const std::string& title, long long pesos) {
        auto p = call(c, "POST", base + "/proposals", mod,
                      {{"title", title},
                       {"description", "Descripción"},
                       {"category", "equipamiento"},
                       {"cost_centavos", pesos * 100},
                       {"source", "asamblea"}},
                      201);
        return p["id"].get<std::int64_t>();
    };
    auto techo = propose("Techo de la sala de espera", 250000);
    auto silla = propose("Sillón dental", 200000);
    auto techo_bis = propose("Reparar el techo", 240000);
    auto fiesta = propose("Fiesta del pueblo", 10000);
    propose("Ventiladores", 30000);
    std::string proposals = base + "/proposals/";
    call(c, "POST", proposals + std::to_string(techo) + "/accept", mod, nullptr, 200);
    call(c, "POST", proposals + std::to_string(silla) + "/accept", mod, nullptr, 200);
    call(c, "POST", proposals + std::to_string(techo_bis) + "/merge", mod, {{"into", techo}}, 200);
    call(c, "POST", proposals + std::to_string(fiesta) + "/reject", mod,
         {{"reason", "No es un gasto de salud."}}, 200);

    call(c, "POST", base + "/incidents", mod,
         {{"text", "Se fue la luz 10 minutos; el registro siguió en papel."}}, 201);
    call(c, "POST", base + "/assembly/transition", mod, {{"to", "en_sesion"}}, 200);

    auto round = call(c, "POST", base + "/rounds", mod,
                      {{"kind", "budget"}, {"title", "Presupuesto 2026"}, {"max_choices", 1}}, 201);
    auto round_id = round["id"].get<std::int64_t>();
    std::string round_path = base + "/rounds/" + std::to_string(round_id);
    call(c, "POST", round_path + "/open", mod, nullptr, 200);
    cast(s.port, round_id,
         {{codes[0], std::to_string(techo)},
          {codes[1], std::to_string(techo)},
          {codes[2], std::to_string(techo)},
          {codes[3], std::to_string(silla)}});
    call(c, "POST", round_path + "/close", mod, nullptr, 200);
    call(c, "POST", round_path + "/reveal", mod, nullptr, 200);

    call(c, "POST", base + "/assembly/transition", mod, {{"to", "suspendida"}}, 200);
    call(c, "POST", base + "/incidents", mod, {{"text", "Receso por la lluvia."}}, 201);
    call(c, "POST", base + "/assembly/transition", mod, {{"to", "en_sesion"}}, 200);

    // The COSABI: the presidencia and the tesorería, each with one candidate.
    auto elect = [&](const std::string& role, std::int64_t attendee) {
        call(c, "POST", base + "/nominations", mod, {{"role", role}, {"attendee_id", attendee}},
             201);
        auto e =
            call(c, "POST", base + "/rounds", mod, {{"kind", "election"}, {"role", role}}, 201);
        std::string path = base + "/rounds/" + std::to_string(e["id"].get<int>());
        call(c, "POST", path + "/open", mod, nullptr, 200);
        call(c, "POST", path + "/close", mod, nullptr, 200);
        call(c, "POST", path + "/reveal", mod, nullptr, 200);
    };
    elect("presidencia", attendee_ids[0]);
    elect("tesoreria", attendee_ids[2]);
    call(c, "POST", base + "/assembly/transition", mod, {{"to", "cerrada"}}, 200);
    auto head = chain_head_hash(s);

    auto pub = c.request("GET", base + "/acta.pdf");
    REQUIRE(pub.status == 200);
    REQUIRE(pub.body.starts_with("%PDF-"));
    auto pdf = s.dir.path / "acta.pdf";
    {
        std::ofstream out(pdf, std::ios::binary);
        out << pub.body;
    }

    // To look at it: ASAMBLEA_KEEP_ACTA=/tmp/acta.pdf build/tests/test_server -tc='*completed*'
    if (const char* keep = std::getenv("ASAMBLEA_KEEP_ACTA"))
        std::filesystem::copy_file(pdf, keep, std::filesystem::copy_options::overwrite_existing);
    auto text_run = shell("pdftotext -layout '" + pdf.string() + "' -");
    REQUIRE(text_run.exit_code == 0);
    auto text = squeeze(text_run.output);
    INFO(text);
    auto shows = [&](const std::string& phrase) {
        CHECK_MESSAGE(text.find(phrase) != std::string::npos, "missing: «" << phrase << "»");
    };

    shows("Acta de la asamblea comunitaria");
    shows("Asistencia registrada: 5 personas.");
    shows("Por sexo: 3 mujeres, 1 hombre, 1 de otro sexo.");
    // The real times, from the chain, in Mexico City time.
    std::map<std::string, std::vector<std::string>> at;
    for (const auto& [to, when] : transitions(s))
        at[to].push_back(when);
    REQUIRE(at["registro"].size() == 1);
    REQUIRE(at["en_sesion"].size() == 2);
    REQUIRE(at["suspendida"].size() == 1);
    REQUIRE(at["cerrada"].size() == 1);
    using asamblea::server::fecha_larga;
    using asamblea::server::hora_local;
    shows("Apertura del registro: " + fecha_larga(at["registro"][0]) + ".");
    shows("Inicio de la sesión: " + fecha_larga(at["en_sesion"][0]) + ".");
    shows("Suspendida de " + hora_local(at["suspendida"][0]) + " a " +
          hora_local(at["en_sesion"][1]) + ".");
    shows("Cierre de la asamblea: " + fecha_larga(at["cerrada"][0]) + ".");
    // Who ran it: the clinic's moderator (the coordinator only convened it).
    shows("Condujeron la asamblea: mod (moderación).");

    // Every proposal's fate.
    shows("1. Techo de la sala de espera");
    shows("Votada en la votación 1 «Presupuesto 2026»: seleccionada, 3 votos.");
    shows("2. Sillón dental");
    shows("Votada en la votación 1 «Presupuesto 2026»: no seleccionada, 1 voto.");
    shows("3. Reparar el techo");
    shows("Fusionada con la propuesta 1 «Techo de la sala de espera».");
    shows("4. Fiesta del pueblo");
    shows("Rechazada. Motivo: No es un gasto de salud.");
    shows("5. Ventiladores");
    shows("Sin revisar; no se sometió a votación.");
    shows("1. Techo de la sala de espera (Equipamiento, $250,000.00)");

    // The incidents, with the hour they were noted and who noted them.
    shows("Incidencias");
    shows("(mod): Se fue la luz 10 minutos; el registro siguió en papel.");
    shows("(mod): Receso por la lluvia.");

    // Signature blocks: the moderator and the elected members, each under a line to sign.
    shows("Firmas");
    shows("Moderación de la asamblea (moderación)");
    shows("Asistente 0");
    shows("Presidencia del COSABI");
    shows("Asistente 2");
    shows("Tesorería del COSABI");

    // The chain's link and the public page where it can be checked.
    shows("sha256: " + head);
    shows("Compruébela en la página pública de la unidad:");
    shows("http://localhost/c/" + clinic);

    // "Página N de M" at the foot of every page (pdftotext ends each page with a form feed).
    std::vector<std::string> pages;
    std::size_t from = 0;
    for (auto ff = text_run.output.find('\f'); ff != std::string::npos;
         ff = text_run.output.find('\f', from)) {
        pages.push_back(text_run.output.substr(from, ff - from));
        from = ff + 1;
    }
    REQUIRE(pages.size() >= 2);
    const auto total = std::to_string(pages.size());
    for (std::size_t i = 0; i < pages.size(); ++i)
        CHECK_MESSAGE(squeeze(pages[i]).find("Página " + std::to_string(i + 1) + " de " + total) !=
                          std::string::npos,
                      "page " << i + 1 << " has no «Página " << i + 1 << " de " << total << "»");

    // Every page renders as a picture of an A4 sheet at 50 dpi (413 × 585 px).
    auto shots = s.dir.path / "paginas";
    std::filesystem::create_directories(shots);
    REQUIRE(shell("pdftoppm -png -r 50 '" + pdf.string() + "' '" + (shots / "p").string() + "'")
                .exit_code == 0);
    std::vector<std::filesystem::path> pngs;
    for (const auto& e : std::filesystem::directory_iterator(shots))
        pngs.push_back(e.path());
    CHECK(pngs.size() == pages.size());
    for (const auto& png : pngs) {
        auto [w, h] = png_size(png);
        CHECK_MESSAGE((w >= 410 && w <= 416 && h >= 582 && h <= 588), png << ": " << w << "×" << h);
        CHECK(std::filesystem::file_size(png) > 2000);
    }

    // The QR code reads back as the clinic's public page.
    auto sharp = s.dir.path / "qr";
    std::filesystem::create_directories(sharp);
    REQUIRE(shell("pdftoppm -png -r 150 '" + pdf.string() + "' '" + (sharp / "p").string() + "'")
                .exit_code == 0);
    // One page has it (zbarimg exits 4 on a page without any code, so each page is read alone).
    std::string decoded;
    for (const auto& e : std::filesystem::directory_iterator(sharp))
        decoded += shell("zbarimg -q --raw '" + e.path().string() + "'", true).output;
    CHECK(decoded == "http://localhost/c/" + clinic + "\n");
}

} // namespace acta_complete_test
