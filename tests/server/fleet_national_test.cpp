// Issue 18 item 4: the national views and the rules across clinics over every shard. Two shards
// of one map ("sur" owns CS*, "centro" DF*), each with its own clinics' assemblies and
// expenses: the coordinator's dashboard, the public national document and the red flags are the
// same whichever shard answers and are the sum of both; with a shard stopped the answer names
// its states and says complete:false (and is not cached); a CFDI UUID recorded on one shard is
// refused on the other, and refused with 503 while the other does not answer.
//
// The shards listen on ports picked free just before they start (each one's map must name the
// other's port), not on port 0.
#include "assembly_setup.hpp"
#include "fleet_fixture.hpp"
#include "followup_helpers.hpp"
#include "server/fleet/fleet.hpp"
#include "server/fleet/fleet_client.hpp"
#include "store/crypto.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace fleet_national_test {

namespace {

using asamblea::store::write_context;
using nlohmann::json;

using fleet_fixture::shard_server;
using fleet_fixture::two_shards;
using fleet_fixture::write;

using fleet_fixture::insert_work;

void insert_expense(write_context& w, std::int64_t work, const std::string& clues,
                    const std::string& uuid, std::int64_t amount) {
    SQLite::Statement q(w.db(), "INSERT INTO expenses (work_id, clues, amount_centavos, "
                                "cfdi_uuid, emisor_rfc, emisor_nombre, fecha, xml_sha256, "
                                "pdf_sha256, created_at) VALUES (?, ?, ?, ?, 'EKU9003173C9', "
                                "'Proveedor', '2026-03-10T10:00:00', 'x', 'p', ?)");
    q.bind(1, static_cast<int64_t>(work));
    q.bind(2, clues);
    q.bind(3, static_cast<int64_t>(amount));
    q.bind(4, uuid);
    q.bind(5, w.now());
    q.exec();
}

using fleet_fixture::coord_of;
using fleet_fixture::get;

// Sur: CSIMB000001 in session (3 present, a round open), CSIMB000002 convocada; centro:
// DFIST000003 in session (2 present, a round open).
void hold_assemblies(two_shards& f) {
    http_client sur(f.sur_port), centro(f.centro_port);
    auto sur_coord = login(sur, "coord");
    auto centro_coord = login(centro, "coord");
    setup_assembly(sur, sur_coord, "CSIMB000001", 3, {1000}, 1);
    call(sur, "POST", "/api/c/CSIMB000002/assembly", sur_coord,
         {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}, {"quorum_min", 4}}, 201);
    setup_assembly(centro, centro_coord, "DFIST000003", 2, {500}, 1);
}

std::vector<std::string> clues_of(const json& items) {
    std::vector<std::string> out;
    for (const auto& r : items)
        out.push_back(r["clues"]);
    return out;
}

// The national document without the moment it was made.
json timeless(json doc) {
    doc.erase("generated_at");
    return doc;
}

} // namespace

TEST_CASE("the national views are every shard's, the same whichever shard answers") {
    two_shards f;
    hold_assemblies(f);
    auto sur_coord = coord_of(f.sur_port);
    auto centro_coord = coord_of(f.centro_port);

    auto from_sur = get(f.sur_port, "/api/national/dashboard", sur_coord);
    auto from_centro = get(f.centro_port, "/api/national/dashboard", centro_coord);
    CHECK(from_sur == from_centro);
    CHECK(from_sur["complete"] == true);
    CHECK(from_sur["missing"] == json::array());
    CHECK(from_sur["missing_message"].is_null());
    CHECK(from_sur["totals"]["assemblies"] == 3);
    CHECK(from_sur["totals"]["attendance"] == 5);
    CHECK(from_sur["totals"]["voting"] == 2);
    CHECK(from_sur["totals"]["by_state"]["en_sesion"] == 2);
    CHECK(from_sur["totals"]["by_state"]["convocada"] == 1);
    CHECK(clues_of(from_sur["items"]) ==
          std::vector<std::string>{"CSIMB000001", "CSIMB000002", "DFIST000003"});

    // Paging runs over the merged rows: two from sur, then centro's one.
    auto page = get(f.centro_port, "/api/national/dashboard?limit=2", centro_coord);
    CHECK(clues_of(page["items"]) == std::vector<std::string>{"CSIMB000001", "CSIMB000002"});
    CHECK(page["next_after"] == "CSIMB000002");
    CHECK(page["totals"]["assemblies"] == 3);
    auto rest =
        get(f.centro_port, "/api/national/dashboard?limit=2&after=CSIMB000002", centro_coord);
    CHECK(clues_of(rest["items"]) == std::vector<std::string>{"DFIST000003"});
    CHECK(rest["next_after"].is_null());
    // A filter travels to the other shard too.
    auto cdmx =
        get(f.sur_port, "/api/national/dashboard?entidad=Ciudad%20de%20M%C3%A9xico", sur_coord);
    CHECK(clues_of(cdmx["items"]) == std::vector<std::string>{"DFIST000003"});

    // The CSV holds both shards' rows.
    auto csv = get(f.sur_port, "/api/national/dashboard.csv", sur_coord).get<std::string>();
    CHECK(csv.find("CSIMB000001") != std::string::npos);
    CHECK(csv.find("DFIST000003") != std::string::npos);

    // The public national document.
    auto doc_sur = get(f.sur_port, "/api/open/national.json");
    auto doc_centro = get(f.centro_port, "/api/open/national.json");
    CHECK(timeless(doc_sur) == timeless(doc_centro));
    CHECK(doc_sur["complete"] == true);
    CHECK(doc_sur["live"]["total"]["assemblies"] == 3);
    CHECK(doc_sur["live"]["total"]["voting"] == 2);
    CHECK(doc_sur["live"]["by_state"].size() == 2);
    auto table = get(f.centro_port, "/api/open/national/live.json");
    CHECK(table["complete"] == true);
    CHECK(table["items"].size() == 3);

    // The same read again within the cache's 5 s is answered from the cache; /metrics says so.
    auto hits = [&] {
        auto text = get(f.sur_port, "/metrics").get<std::string>();
        const std::string name = "\nasamblea_national_cache_hits_total ";
        auto at = text.find(name);
        REQUIRE(at != std::string::npos);
        return std::stoll(text.substr(at + name.size()));
    };
    auto before = hits();
    CHECK(get(f.sur_port, "/api/national/dashboard", sur_coord) == from_sur);
    CHECK(hits() == before + 1);
}

TEST_CASE("a shard that does not answer is named with its states, never counted as zero") {
    two_shards f;
    hold_assemblies(f);
    auto sur_coord = coord_of(f.sur_port);
    f.centro->stop();

    auto d = get(f.sur_port, "/api/national/dashboard", sur_coord);
    CHECK(d["complete"] == false);
    REQUIRE(d["missing"].size() == 1);
    CHECK(d["missing"][0]["shard"] == "centro");
    CHECK(d["missing"][0]["states"] == json::array({"Ciudad de México"}));
    CHECK(d["missing_message"] == "Faltan datos de Ciudad de México: su servidor no responde. "
                                  "Los totales no los incluyen.");
    // The totals are sur's alone, and labeled as such by the above.
    CHECK(d["totals"]["assemblies"] == 2);
    CHECK(clues_of(d["items"]) == std::vector<std::string>{"CSIMB000001", "CSIMB000002"});

    // A file short of a shard is refused rather than passed on.
    auto csv = get(f.sur_port, "/api/national/dashboard.csv", sur_coord, 503);
    CHECK(csv["error"] == "shard_missing");

    auto doc = get(f.sur_port, "/api/open/national.json");
    CHECK(doc["complete"] == false);
    CHECK(doc["missing"][0]["states"] == json::array({"Ciudad de México"}));
    CHECK(doc["live"]["total"]["assemblies"] == 2);
    auto flags = get(f.sur_port, "/api/open/red-flags?edition=2026");
    CHECK(flags["complete"] == false);

    // Centro back (an empty database on the same port): the very next answer is complete; the
    // incomplete one was not kept.
    f.start_centro();
    auto again = get(f.sur_port, "/api/national/dashboard", sur_coord);
    CHECK(again["complete"] == true);
    CHECK(again["totals"]["assemblies"] == 2);
    CHECK(get(f.sur_port, "/api/open/national.json")["complete"] == true);
}

TEST_CASE("the money of the national view and the red flags are every shard's") {
    two_shards f;
    const std::string uuid = "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";
    // One invoice presented in a clinic of each shard (from before the fleet checked it).
    write(*f.sur, [&](write_context& w) {
        insert_expense(w, insert_work(w, "CSIMB000001", "Techo"), "CSIMB000001", uuid, 100000);
    });
    write(*f.centro, [&](write_context& w) {
        insert_expense(w, insert_work(w, "DFIST000003", "Barda"), "DFIST000003", uuid, 200000);
    });
    // Both clinics' assemblies closed: the national view's money is both shards'.
    for (auto* shard : {f.sur.get(), f.centro.get()}) {
        auto clues = shard == f.sur.get() ? "CSIMB000001" : "DFIST000003";
        http_client c(shard->port);
        call(c, "POST", std::string("/api/c/") + clues + "/assembly", login(c, "coord"),
             {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}, {"quorum_min", 2}},
             201);
        write(*shard,
              [&](write_context& w) { w.db().exec("UPDATE assemblies SET state = 'cerrada'"); });
    }
    auto doc = get(f.sur_port, "/api/open/national.json");
    CHECK(timeless(doc) == timeless(get(f.centro_port, "/api/open/national.json")));
    CHECK(doc["edition"] == 2026);
    CHECK(doc["followup"]["total"]["clinics"] == 2);
    CHECK(doc["followup"]["total"]["spent_centavos"] == 300000);
    CHECK(doc["followup"]["by_state"].size() == 2);
    CHECK(doc["followup"]["ranking_unproven"].size() == 0);

    auto sur = get(f.sur_port, "/api/open/red-flags?edition=2026");
    auto centro = get(f.centro_port, "/api/open/red-flags?edition=2026");
    CHECK(sur == centro);
    CHECK(sur["complete"] == true);
    json repeated;
    for (const auto& flag : sur["flags"])
        if (flag["kind"] == "cfdi_repetido")
            repeated = flag;
    REQUIRE_MESSAGE(repeated.is_object(), sur.dump());
    CHECK(clues_of(repeated["clinics"]) == std::vector<std::string>{"CSIMB000001", "DFIST000003"});
    CHECK(repeated["amount_centavos"] == 300000);
    // Without naming the edition: the newest of any shard.
    CHECK(get(f.sur_port, "/api/open/red-flags")["edition"] == 2026);

    // A national coordinator reviews the flag that spans both shards on one of them; every
    // shard shows the review.
    auto coord = coord_of(f.sur_port);
    http_client c(f.sur_port);
    auto r =
        c.request("POST", "/api/national/red-flags/2026/reviews",
                  json{{"key", repeated["key"]}, {"note", "Revisado con ambas clínicas"}}.dump(),
                  {{"Authorization", "Bearer " + coord}});
    CHECK_MESSAGE(r.status == 201, r.body);
    auto reviewed = [&](const json& report) {
        for (const auto& flag : report["flags"])
            if (flag["key"] == repeated["key"])
                return flag["reviewed"] == true;
        return false;
    };
    // Sur forgot its kept flags on writing; centro keeps its own up to 5 s, so it is asked with
    // a query it has not kept (no edition: the newest).
    CHECK(reviewed(get(f.sur_port, "/api/open/red-flags?edition=2026")));
    CHECK(reviewed(get(f.centro_port, "/api/open/red-flags")));
}

TEST_CASE("a CFDI UUID recorded on one shard is refused on every other") {
    two_shards f;
    const std::string used = "6F3E0C1A-1B2C-4D5E-8F90-A1B2C3D4E5F6";
    write(*f.sur, [&](write_context& w) {
        insert_expense(w, insert_work(w, "CSIMB000001", "Techo"), "CSIMB000001", used, 100000);
    });
    // Centro's clinic: its 2026 assembly, tesorería and a work item.
    http_client c(f.centro_port);
    auto coord = login(c, "coord");
    call(c, "POST", "/api/c/DFIST000003/assembly", coord,
         {{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}, {"quorum_min", 2}}, 201);
    write(*f.centro, [&](write_context& w) {
        using namespace asamblea;
        auto a = store::find_assembly(w.db(), "DFIST000003", 2026);
        auto spec = domain::make_round_spec(domain::make_ratification("", 2025));
        REQUIRE(a);
        REQUIRE(spec);
        auto round = store::create_round(w, a->id, "DFIST000003", *spec);
        auto id = store::save_user(w, "tesorera", store::hash_password("clave-de-prueba"),
                                   domain::role::committee, {"DFIST000003"}, false);
        REQUIRE(id);
        store::insert_member(w, {"DFIST000003", 2026, round, "eleccion"},
                             {"tesoreria", 1, "tesorera", "mujer", 0, 0, *id});
    });
    auto tesorera = login(c, "tesorera");
    auto work = call(c, "POST", "/api/c/DFIST000003/works", coord,
                     {{"edition", 2026},
                      {"title", "Ultrasonido portátil"},
                      {"category", "equipamiento"},
                      {"approved_centavos", 5000000},
                      {"quantity", 1},
                      {"reason", "Acordado en la asamblea"}},
                     201)["id"]
                    .get<std::int64_t>();
    auto upload = [&](const std::string& bytes) {
        auto r = c.request("POST", "/api/c/DFIST000003/files", bytes,
                           {{"Authorization", "Bearer " + tesorera},
                            {"Content-Type", "application/octet-stream"}});
        REQUIRE_MESSAGE((r.status == 201 || r.status == 200), r.body);
        return json::parse(r.body)["sha256"].get<std::string>();
    };
    auto pdf = upload(pdf_bytes("factura"));
    auto expense = [&](const std::string& uuid) {
        auto xml = upload(cfdi_xml(uuid, "480.00"));
        return c.request("POST", "/api/c/DFIST000003/works/" + std::to_string(work) + "/expenses",
                         json{{"xml_sha256", xml}, {"pdf_sha256", pdf}}.dump(),
                         {{"Authorization", "Bearer " + tesorera}});
    };

    auto twice = expense(used);
    CHECK(twice.status == 409);
    auto refused = json::parse(twice.body);
    CHECK(refused["error"] == "cfdi_uuid_used");
    CHECK(refused["message"].get<std::string>().find("CSIMB000001") != std::string::npos);

    // Another invoice passes the fleet's check (whatever the clinic's own rules say next).
    const std::string fresh = "7A3E0C1A-1B2C-4D5E-8F90-A1B2C3D4E5F7";
    auto other = expense(fresh);
    CHECK_MESSAGE(other.body.find("cfdi_") == std::string::npos, other.body);

    // Sur down: the invoice cannot be checked there, so it waits.
    f.sur->stop();
    auto unchecked = expense("8B3E0C1A-1B2C-4D5E-8F90-A1B2C3D4E5F8");
    CHECK(unchecked.status == 503);
    auto body = json::parse(unchecked.body);
    CHECK(body["error"] == "cfdi_unchecked");
    CHECK(body["message"] == "No se pudo comprobar la factura con todos los servidores; intente "
                             "en unos minutos.");
}

TEST_CASE("the national peer routes answer only a stamped request from another shard") {
    two_shards f;
    http_client c(f.sur_port);
    auto r = c.request("POST", "/api/fleet/national/dashboard", "{}");
    CHECK(r.status == 401);
    CHECK(json::parse(r.body)["error"] == "not_a_peer");
    CHECK(c.request("GET", "/api/fleet/cfdi/6F3E0C1A-1B2C-4D5E-8F90-A1B2C3D4E5F6").status == 401);

    // Stamped by centro's key and name, as centro's fleet sends it.
    auto parsed = asamblea::domain::shard_map::parse(f.map_text);
    REQUIRE(parsed.ok());
    asamblea::server::fleet centro(parsed.map, "centro", asamblea::store::load_key(f.key_file));
    asamblea::server::peer_call call;
    call.target = "/api/fleet/cfdi/6f3e0c1a-1b2c-4d5e-8f90-a1b2c3d4e5f6";
    auto replies = asamblea::server::ask_peers(centro, call, {"sur"});
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].status == 200);
    CHECK(json::parse(replies[0].body)["used"] == false);
    call.method = "POST";
    call.target = "/api/fleet/national/dashboard";
    call.body = "{\"entidad\": 3}";
    replies = asamblea::server::ask_peers(centro, call, {"sur"});
    CHECK(replies[0].status == 400);
}

} // namespace fleet_national_test
