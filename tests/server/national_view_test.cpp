// The national accountability view (issue 15 item 2) against the real server: four clinics in
// two states and two institutions closed their 2025 assemblies, with works at every stage and
// money that can be checked by hand; a fifth is taking attendance for 2026. The aggregates, the
// rankings, the CSV and JSON tables, the SVG charts (well formed, a hostile clinic name escaped),
// the filters and the errors; and no attendee's name, identifier or code in any answer.
#include "assembly_setup.hpp"
#include "store/clock.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <vector>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace national_view_test {

using nlohmann::json;

// A name meant to break the page, the SVG and a spreadsheet.
const std::string hostile = "=Clínica <b>\"Coyoacán\"</b> & Cía";

std::string days_ago(int n) {
    return asamblea::store::format_utc(std::chrono::system_clock::now() -
                                       std::chrono::hours(24 * n));
}

// Rows written straight into the tables: the view only reads them, and these are the figures
// the follow-up's own rules would have let through.
struct seed {
    SQLite::Database& db;
    int uuid = 0;

    void run(const std::string& sql, std::initializer_list<std::string> args) {
        SQLite::Statement q(db, sql);
        int i = 0;
        for (const auto& a : args)
            q.bind(++i, a);
        q.exec();
    }
    void assembly(const std::string& clues, int edition, const std::string& state) {
        run("INSERT INTO assemblies (clues, edition, state, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            {clues, std::to_string(edition), state, days_ago(300), days_ago(300)});
    }
    std::int64_t work(const std::string& clues, const std::string& title,
                      const std::string& category, long long approved_pesos,
                      const std::string& state, const std::string& created_at, int edition = 2025) {
        run("INSERT INTO work_items (clues, edition, title, category, approved_centavos, state, "
            "origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'coordinacion', ?, ?)",
            {clues, std::to_string(edition), title, category, std::to_string(approved_pesos * 100),
             state, created_at, created_at});
        return db.getLastInsertRowid();
    }
    void chosen_quote(std::int64_t work, long long pesos) {
        run("INSERT INTO quotes (work_id, supplier, rfc, rfc_digit_ok, amount_centavos, quoted_on, "
            "file_sha256, created_at) VALUES (?, 'Proveedor', 'EKU9003173C9', 1, ?, "
            "'2025-03-01', 'aa', '2025-03-01T12:00:00.000Z')",
            {std::to_string(work), std::to_string(pesos * 100)});
        run("UPDATE work_items SET chosen_quote_id = ? WHERE id = ?",
            {std::to_string(db.getLastInsertRowid()), std::to_string(work)});
    }
    // Proven when it has its CFDI and its file (app/followup/work_facts money_of).
    void expense(std::int64_t work, const std::string& clues, long long pesos, bool proven) {
        char id[48]; // room for any int, so GCC sees no truncation
        std::snprintf(id, sizeof id, "AAAAAAAA-BBBB-CCCC-DDDD-%012d", ++uuid);
        run("INSERT INTO expenses (work_id, clues, amount_centavos, cfdi_uuid, emisor_rfc, "
            "emisor_nombre, fecha, xml_sha256, pdf_sha256, created_at) "
            "VALUES (?, ?, ?, ?, 'EKU9003173C9', 'PROVEEDOR', '2025-03-02T10:00:00', 'xml', ?, "
            "'2025-03-02T12:00:00.000Z')",
            {std::to_string(work), clues, std::to_string(pesos * 100), id, proven ? "pdf" : ""});
    }
    void photo(std::int64_t work, const std::string& kind) {
        run("INSERT INTO evidence (work_id, kind, file_sha256, mime, created_at) "
            "VALUES (?, ?, 'ff', 'image/png', '2025-03-02T12:00:00.000Z')",
            {std::to_string(work), kind});
    }
    void move(std::int64_t work, const std::string& from, const std::string& to,
              const std::string& at) {
        run("INSERT INTO work_moves (work_id, from_state, to_state, at) VALUES (?, ?, ?, ?)",
            {std::to_string(work), from, to, at});
    }
};

// The fixture's three clinics plus a hostile one in Mexico City and one in Jalisco, all 2025
// assemblies closed but Jalisco's (suspended: its work is never counted).
//   A CSIMB000001 Chiapas IMSS-BIENESTAR budget 400,000
//     Techo 200,000 en_ejecucion, contracted 180,000, spent 100,000 proven + 30,000 not;
//       last move 120 days ago (stalled)
//     Sillas 50,000 verificado, contracted 45,000, spent 45,000 proven, before and after photos
//   B CSIMB000002 Chiapas IMSS-BIENESTAR budget 800,000
//     Ultrasonido 300,000 entregado, contracted 290,000, spent 290,000 not proven, only an
//       after photo; moved 10 days ago
//     Pintura 100,000 cotizando, last move 100 days ago (stalled)
//   C DFIST000003 Ciudad de México ISSSTE budget 1,000,000
//     Consultorio 500,000 cancelado 200 days ago (never stalled), Rampa 200,000 planeado,
//     created 10 days ago
//   D DFIST000004 Ciudad de México ISSSTE budget 600,000 (hostile name)
//     Equipo 100,000 en_ejecucion, contracted 90,000, spent 80,000 proven + 10,000 not;
//       last move 80 days ago (stalled)
void seed_followup(running_server& s) {
    using namespace asamblea;
    auto ok = s.srv->store().writer().run([&](store::write_context& w) -> domain::status {
        store::upsert_clinics(w, {{"DFIST000004", hostile, "Ciudad de México", "Coyoacán", "ISSSTE",
                                   2, "UMF", 60000000},
                                  {"JCIST000005", "Clínica Zapopan", "Jalisco", "Zapopan", "ISSSTE",
                                   2, "UMF", 60000000}});
        seed q{w.db(), 0};
        for (const char* clues : {"CSIMB000001", "CSIMB000002", "DFIST000003", "DFIST000004"})
            q.assembly(clues, 2025, "cerrada");
        q.assembly("JCIST000005", 2025, "suspendida");

        auto techo = q.work("CSIMB000001", "Techo", "obra", 200000, "en_ejecucion", days_ago(200));
        q.chosen_quote(techo, 180000);
        q.expense(techo, "CSIMB000001", 100000, true);
        q.expense(techo, "CSIMB000001", 30000, false);
        q.move(techo, "contratado", "en_ejecucion", days_ago(120));
        auto sillas =
            q.work("CSIMB000001", "Sillas", "mobiliario", 50000, "verificado", days_ago(200));
        q.chosen_quote(sillas, 45000);
        q.expense(sillas, "CSIMB000001", 45000, true);
        q.photo(sillas, "foto_antes");
        q.photo(sillas, "foto_despues");
        q.move(sillas, "entregado", "verificado", days_ago(5));

        auto ultra = q.work("CSIMB000002", "Ultrasonido", "equipamiento", 300000, "entregado",
                            days_ago(200));
        q.chosen_quote(ultra, 290000);
        q.expense(ultra, "CSIMB000002", 290000, false);
        q.photo(ultra, "foto_despues");
        q.move(ultra, "en_ejecucion", "entregado", days_ago(10));
        auto pintura =
            q.work("CSIMB000002", "Pintura", "mejoramiento", 100000, "cotizando", days_ago(200));
        q.move(pintura, "planeado", "cotizando", days_ago(100));

        auto consultorio =
            q.work("DFIST000003", "Consultorio", "obra", 500000, "cancelado", days_ago(300));
        q.move(consultorio, "planeado", "cancelado", days_ago(200));
        q.work("DFIST000003", "Rampa", "obra", 200000, "planeado", days_ago(10));

        auto equipo = q.work("DFIST000004", "Equipo <script>", "equipamiento", 100000,
                             "en_ejecucion", days_ago(200));
        q.chosen_quote(equipo, 90000);
        q.expense(equipo, "DFIST000004", 80000, true);
        q.expense(equipo, "DFIST000004", 10000, false);
        q.move(equipo, "contratado", "en_ejecucion", days_ago(80));

        q.work("JCIST000005", "No cuenta", "obra", 999999, "planeado", days_ago(300));
        return {};
    });
    REQUIRE(ok);
}

json get_json(http_client& c, const std::string& path) {
    auto r = c.request("GET", path);
    REQUIRE_MESSAGE(r.status == 200, path << " → " << r.status << " " << r.body);
    return json::parse(r.body);
}

json clinic_of(const json& doc, const std::string& clues) {
    for (const auto& c : doc["followup"]["clinics"])
        if (c["clues"] == clues)
            return c;
    return nullptr;
}

json group_of(const json& list, const std::string& name) {
    for (const auto& g : list)
        if (g["name"] == name)
            return g;
    return nullptr;
}

// Each start tag closed in order, attributes quoted, entities only the five XML ones: enough
// to tell a well-formed chart from one a hostile name broke.
bool well_formed(const std::string& svg) {
    std::vector<std::string> open;
    std::size_t i = 0;
    while ((i = svg.find_first_of("<&", i)) != std::string::npos) {
        if (svg[i] == '&') {
            bool known = false;
            for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
                known = known || svg.compare(i, std::strlen(e), e) == 0;
            if (!known)
                return false;
            ++i;
            continue;
        }
        auto end = svg.find('>', i);
        if (end == std::string::npos)
            return false;
        std::string tag = svg.substr(i + 1, end - i - 1);
        // Inside a tag: quotes balanced, no stray '<'.
        if (tag.find('<') != std::string::npos || std::count(tag.begin(), tag.end(), '"') % 2 != 0)
            return false;
        if (tag.starts_with("/")) {
            if (open.empty() || open.back() != tag.substr(1))
                return false;
            open.pop_back();
        } else if (!tag.ends_with("/")) {
            open.push_back(tag.substr(0, tag.find(' ')));
        }
        i = end + 1;
    }
    return open.empty();
}

TEST_CASE("the national view sums each clinic's cuadernillo by institution and state") {
    running_server s;
    seed_followup(s);
    http_client c(s.port);
    auto coord = login(c, "coord");
    // Jalisco's 2026 assembly taking attendance, with a person checked in.
    call(c, "POST", "/api/c/JCIST000005/assembly", coord,
         {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}, {"quorum_min", 1}}, 201);
    call(c, "POST", "/api/c/JCIST000005/assembly/transition", coord, {{"to", "registro"}}, 200);
    auto attendee = call(c, "POST", "/api/c/JCIST000005/attendees", coord,
                         {{"nombre", "Rosa Secreta Hernández"},
                          {"identificador", "HEGR800101MCSRRS09"},
                          {"sexo", "mujer"},
                          {"mayor_de_edad", true}},
                         201);
    const std::string code = attendee["credential"]["code"].get<std::string>();

    auto doc = get_json(c, "/api/open/national.json");
    CHECK(doc["edition"] == 2025);
    CHECK(doc["editions"] == json::array({2025}));
    CHECK(doc["stalled_days"] == 60);

    const auto& t = doc["followup"]["total"];
    CHECK(t["clinics"] == 4);
    CHECK(t["budget_centavos"] == 280000000);
    CHECK(t["assigned_centavos"] == 95000000);  // 250,000 + 400,000 + 200,000 + 100,000
    CHECK(t["committed_centavos"] == 60500000); // 225,000 + 290,000 + 0 + 90,000
    CHECK(t["spent_centavos"] == 55500000);     // 175,000 + 290,000 + 0 + 90,000
    CHECK(t["proven_centavos"] == 22500000);    // 145,000 + 0 + 0 + 80,000
    CHECK(t["unproven_centavos"] == 33000000);
    CHECK(t["proven_percent"] == 40); // 225 / 555, rounded down
    CHECK(t["works"] == 7);
    CHECK(t["delivered"] == 2);
    CHECK(t["verified"] == 1);
    CHECK(t["cancelled"] == 1);
    CHECK(t["stalled"] == 3);
    CHECK(t["delivered_with_photos"] == 1);
    CHECK(t["photos_percent"] == 50);

    auto a = clinic_of(doc, "CSIMB000001");
    REQUIRE(a.is_object());
    CHECK(a["assigned_centavos"] == 25000000);
    CHECK(a["committed_centavos"] == 22500000);
    CHECK(a["spent_centavos"] == 17500000);
    CHECK(a["proven_centavos"] == 14500000);
    CHECK(a["balance_centavos"] == 17500000); // 400,000 − 180,000 − 45,000
    CHECK(a["public_page"] == "/c/CSIMB000001");
    REQUIRE(a["stalled_works"].size() == 1);
    CHECK(a["stalled_works"][0]["title"] == "Techo");
    CHECK(a["stalled_works"][0]["state"] == "en_ejecucion");
    CHECK(a["stalled_works"][0]["idle_days"].get<int>() >= 119); // 120, give or take midnight
    auto cdmx = clinic_of(doc, "DFIST000003");
    CHECK(cdmx["assigned_centavos"] == 20000000); // the cancelled work's money returned
    CHECK(cdmx["balance_centavos"] == 80000000);
    CHECK(cdmx["stalled"] == 0);
    CHECK(clinic_of(doc, "JCIST000005").is_null()); // its assembly never closed

    auto imss = group_of(doc["followup"]["by_institution"], "IMSS-BIENESTAR");
    CHECK(imss["clinics"] == 2);
    CHECK(imss["assigned_centavos"] == 65000000);
    CHECK(imss["spent_centavos"] == 46500000);
    CHECK(imss["proven_centavos"] == 14500000);
    auto issste = group_of(doc["followup"]["by_institution"], "ISSSTE");
    CHECK(issste["assigned_centavos"] == 30000000);
    CHECK(issste["committed_centavos"] == 9000000);
    CHECK(issste["proven_centavos"] == 8000000);
    CHECK(group_of(doc["followup"]["by_state"], "Chiapas")["assigned_centavos"] == 65000000);
    CHECK(group_of(doc["followup"]["by_state"], "Ciudad de México")["unproven_centavos"] ==
          1000000);

    // Ranked: most unproven money first; most stalled works, then the longest idle, first.
    CHECK(doc["followup"]["ranking_unproven"] == json{"CSIMB000002", "CSIMB000001", "DFIST000004"});
    CHECK(doc["followup"]["ranking_stalled"] == json{"CSIMB000001", "CSIMB000002", "DFIST000004"});

    // On the day: the four closed 2025 assemblies and Jalisco's 2026 one taking attendance.
    const auto& live = doc["live"]["total"];
    CHECK(live["assemblies"] == 5);
    CHECK(live["closed"] == 4);
    CHECK(live["registering"] == 1);
    CHECK(live["with_quorum"] == 1);
    CHECK(live["attendance"] == 1);
    CHECK(live["ballots"] == 0); // no round yet
    CHECK(group_of(doc["live"]["by_state"], "Jalisco")["attendance"] == 1);
    CHECK(group_of(doc["live"]["by_institution"], "ISSSTE")["assemblies"] == 3);

    SUBCASE("the threshold for stalled works is the reader's") {
        auto five = get_json(c, "/api/open/national.json?stalled_days=5");
        // The delivered Ultrasonido (10 days) and the planned Rampa (created 10 days ago) too;
        // never the verified or the cancelled work.
        CHECK(five["followup"]["total"]["stalled"] == 5);
        CHECK(five["followup"]["ranking_stalled"][0] == "CSIMB000002");
        auto ninety = get_json(c, "/api/open/national.json?stalled_days=90");
        CHECK(ninety["followup"]["ranking_stalled"] == json{"CSIMB000001", "CSIMB000002"});
    }

    SUBCASE("drilling down narrows every figure") {
        auto issste_only = get_json(c, "/api/open/national.json?institucion=ISSSTE");
        CHECK(issste_only["followup"]["total"]["clinics"] == 2);
        CHECK(issste_only["followup"]["total"]["assigned_centavos"] == 30000000);
        CHECK(issste_only["followup"]["by_state"].size() == 1);
        CHECK(issste_only["live"]["total"]["assemblies"] == 3);
        auto chiapas =
            get_json(c, "/api/open/national.json?institucion=IMSS-BIENESTAR&entidad=Chiapas");
        CHECK(chiapas["followup"]["total"]["clinics"] == 2);
        CHECK(chiapas["filter"]["entidad"] == "Chiapas");
        auto cdmx_doc = get_json(c, "/api/open/national.json?entidad=Ciudad%20de%20M%C3%A9xico");
        CHECK(cdmx_doc["followup"]["total"]["clinics"] == 2);
        auto none = get_json(c, "/api/open/national.json?edition=2024");
        CHECK(none["edition"] == 2024);
        CHECK(none["followup"]["total"]["clinics"] == 0);
        CHECK(none["followup"]["clinics"] == json::array());
    }

    SUBCASE("every table as CSV and JSON, the same rows, the formula guard on text") {
        auto csv = c.request("GET", "/api/open/national/clinics.csv");
        REQUIRE(csv.status == 200);
        CHECK(csv.header("Content-Type").starts_with("text/csv"));
        CHECK(csv.header("Content-Disposition").find("nacional-clinics-2025.csv") !=
              std::string::npos);
        CHECK(csv.body.starts_with("clues,clinica,entidad,institucion,clinicas,presupuesto,"
                                   "asignado,comprometido,ejercido,comprobado,sin_comprobar,"
                                   "saldo,porcentaje_comprobado,"));
        CHECK(csv.body.find("CSIMB000001,Centro de Salud Ocosingo,Chiapas,IMSS-BIENESTAR,1,"
                            "400000.00,250000.00,225000.00,175000.00,145000.00,30000.00,"
                            "175000.00,82,2,1,1,0,1,1,100\n") != std::string::npos);
        // The apostrophe keeps a spreadsheet from running the name; quotes doubled.
        CHECK(csv.body.find("DFIST000004,\"'=Clínica <b>\"\"Coyoacán\"\"</b> & Cía\",") !=
              std::string::npos);
        auto table = get_json(c, "/api/open/national/clinics.json");
        CHECK(table["table"] == "clinics");
        CHECK(table["edition"] == 2025);
        REQUIRE(table["items"].size() == 4);
        CHECK(table["items"][0]["clues"] == "CSIMB000001");
        CHECK(table["items"][0]["asignado_centavos"] == 25000000);
        CHECK(table["items"][0]["porcentaje_comprobado"] == 82);
        CHECK(table["items"][3]["clinica"] == hostile);

        auto unproven = get_json(c, "/api/open/national/unproven.json");
        REQUIRE(unproven["items"].size() == 3);
        CHECK(unproven["items"][0]["lugar"] == 1);
        CHECK(unproven["items"][0]["clues"] == "CSIMB000002");
        CHECK(unproven["items"][0]["sin_comprobar_centavos"] == 29000000);
        auto stalled_csv = c.request("GET", "/api/open/national/stalled-works.csv");
        REQUIRE(stalled_csv.status == 200);
        CHECK(stalled_csv.body.starts_with("clues,clinica,entidad,institucion,obra_id,titulo,"
                                           "estado,dias_sin_movimiento,ultimo_movimiento\n"));
        CHECK(stalled_csv.body.find(",Techo,en_ejecucion,") != std::string::npos);
        CHECK(stalled_csv.body.find(",Pintura,cotizando,") != std::string::npos);
        auto states = c.request("GET", "/api/open/national/states.csv");
        CHECK(states.body.find("\nChiapas,2,1200000.00,650000.00,") != std::string::npos);
        auto institutions = get_json(c, "/api/open/national/institutions.json");
        CHECK(institutions["items"].size() == 2);
        auto stalled = get_json(c, "/api/open/national/stalled.json?stalled_days=90");
        CHECK(stalled["stalled_days"] == 90);
        CHECK(stalled["items"].size() == 2);
        auto live_csv = c.request("GET", "/api/open/national/live.csv");
        REQUIRE(live_csv.status == 200);
        CAPTURE(live_csv.body);
        CHECK(live_csv.body.find("JCIST000005,Clínica Zapopan,Jalisco,ISSSTE,registro,1,1,true,"
                                 "false,,0,") != std::string::npos);
    }

    SUBCASE("the charts are well-formed SVG with the hostile name escaped") {
        for (const char* name : {"states", "institutions", "unproven"}) {
            auto r = c.request("GET", std::string("/api/open/national/charts/") + name + ".svg");
            CAPTURE(name);
            REQUIRE(r.status == 200);
            CHECK(r.header("Content-Type").starts_with("image/svg+xml"));
            CHECK(r.body.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""));
            CHECK(r.body.find("aria-label=\"") != std::string::npos);
            CHECK(r.body.find("<title>") != std::string::npos);
            CHECK(well_formed(r.body));
            CHECK(r.body.find("<b>") == std::string::npos);
            CHECK(r.body.find("<script") == std::string::npos);
        }
        auto unproven = c.request("GET", "/api/open/national/charts/unproven.svg");
        CHECK(unproven.body.find("=Clínica &lt;b&gt;&quot;Coyoacán&quot;&lt;/b&gt; &amp; Cía") !=
              std::string::npos);
        CHECK(unproven.body.find("$290,000.00 sin comprobar") != std::string::npos);
        auto states = c.request("GET", "/api/open/national/charts/states.svg");
        CHECK(states.body.find(">Ciudad de México</text>") != std::string::npos);
        CHECK(states.body.find("Chiapas — Asignado: $650,000.00") != std::string::npos);
        // Drilled down: only the institution's states.
        auto issste = c.request("GET", "/api/open/national/charts/states.svg?institucion=ISSSTE");
        CHECK(issste.body.find(">Ciudad de México</text>") != std::string::npos);
        CHECK(issste.body.find(">Chiapas</text>") == std::string::npos);
        auto empty = c.request("GET", "/api/open/national/charts/states.svg?edition=2024");
        CHECK(empty.body.find("Todavía no hay asambleas cerradas") != std::string::npos);
        CHECK(well_formed(empty.body));
    }

    SUBCASE("bad queries and unknown files are refused clearly") {
        for (const char* path :
             {"/api/open/national.json?stalled_days=0", "/api/open/national.json?stalled_days=731",
              "/api/open/national.json?stalled_days=6x",
              "/api/open/national/clinics.csv?edition=1999"}) {
            CAPTURE(path);
            auto r = c.request("GET", path);
            CHECK(r.status == 400);
            auto body = json::parse(r.body);
            CHECK(body["message"].get<std::string>().size() > 10);
        }
        CHECK(
            json::parse(c.request("GET", "/api/open/national.json?stalled_days=0").body)["field"] ==
            "stalled_days");
        for (const char* path :
             {"/api/open/national/nope.csv", "/api/open/national/clinics.xml",
              "/api/open/national/charts/states.png", "/api/open/national/charts/nope.svg"}) {
            CAPTURE(path);
            CHECK(c.request("GET", path).status == 404);
        }
        CHECK(c.request("POST", "/api/open/national.json").status >= 400);
    }

    SUBCASE("the page is public and nothing about attendees leaks") {
        auto page = c.request("GET", "/nacional", "", {{"Accept", "text/html"}});
        CHECK(page.status == 200);
        CHECK(page.header("Content-Type").starts_with("text/html"));
        CHECK(page.body.find("/js/nacional.") != std::string::npos); // its content-hashed name
        std::vector<std::string> answers;
        for (const char* path :
             {"/api/open/national.json", "/api/open/national/live.csv",
              "/api/open/national/live.json", "/api/open/national/clinics.csv",
              "/api/open/national/stalled-works.json", "/api/open/national/charts/states.svg",
              "/api/open/national/charts/unproven.svg"})
            answers.push_back(c.request("GET", path).body);
        for (const auto& body : answers)
            for (const std::string& secret :
                 {std::string("Rosa Secreta"), std::string("HEGR800101MCSRRS09"), code,
                  std::string("coord"), std::string("mayor_de_edad")}) {
                CAPTURE(secret);
                CHECK(body.find(secret) == std::string::npos);
            }
    }
}

TEST_CASE("the national view before any assembly closed") {
    running_server s;
    http_client c(s.port);
    auto doc = get_json(c, "/api/open/national.json");
    CHECK(doc["edition"].is_null());
    CHECK(doc["editions"] == json::array());
    CHECK(doc["followup"]["total"]["clinics"] == 0);
    CHECK(doc["followup"]["total"]["proven_percent"].is_null());
    CHECK(doc["live"]["total"]["assemblies"] == 0);
    auto csv = c.request("GET", "/api/open/national/clinics.csv");
    CHECK(csv.status == 200);
    CHECK(csv.body.find('\n') == csv.body.size() - 1); // the header alone
}

} // namespace national_view_test
