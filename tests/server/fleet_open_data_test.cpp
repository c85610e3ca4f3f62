// Issue 18: the open-data files without a clinic (followup.json, the four CSVs, ocds.json) over
// every shard. Two shards of one map ("sur" owns CS*, "centro" DF*), each with a clinic whose
// assembly closed with a work, a quote and an expense: every file is the same whichever shard
// answers and holds both clinics; with a shard stopped the JSON files say complete:false and
// name its states, the CSVs answer 503 shard_missing; `?clues=` stays the clinic's own shard's.
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
namespace fleet_open_data_test {

namespace {

using asamblea::store::write_context;
using nlohmann::json;

using fleet_fixture::shard_server;
using fleet_fixture::two_shards;

// A closed assembly of 2026 with one work, a quote chosen and an expense, written straight to
// the shard's database (the open files read only closed assemblies' works).
void closed_work(shard_server& s, const std::string& clues, const std::string& title,
                 const std::string& uuid) {
    auto ok = s.srv->store().writer().run([&](write_context& w) -> asamblea::domain::status {
        SQLite::Statement a(w.db(), "INSERT INTO assemblies (clues, edition, state, created_at, "
                                    "updated_at) VALUES (?, 2026, 'cerrada', ?, ?)");
        a.bind(1, clues);
        a.bind(2, w.now());
        a.bind(3, w.now());
        a.exec();
        auto work = fleet_fixture::insert_work(w, clues, title);
        SQLite::Statement e(w.db(), "INSERT INTO expenses (work_id, clues, amount_centavos, "
                                    "cfdi_uuid, emisor_rfc, emisor_nombre, fecha, xml_sha256, "
                                    "pdf_sha256, created_at) VALUES (?, ?, 2500000, ?, "
                                    "'EKU9003173C9', 'Proveedor', '2026-03-10T10:00:00', 'x', "
                                    "'p', ?)");
        e.bind(1, static_cast<int64_t>(work));
        e.bind(2, clues);
        e.bind(3, uuid);
        e.bind(4, w.now());
        e.exec();
        return {};
    });
    REQUIRE(ok);
}

struct answer {
    unsigned status = 0;
    std::string body;
};

answer get(unsigned short port, const std::string& target) {
    http_client c(port);
    auto r = c.request("GET", target);
    return {r.status, r.body};
}

// A JSON file without the moment it was made.
json timeless(const std::string& body) {
    auto doc = json::parse(body);
    doc.erase("generated_at");
    doc.erase("publishedDate");
    return doc;
}

const char* const csv_files[] = {"/api/open/works.csv", "/api/open/quotes.csv",
                                 "/api/open/expenses.csv", "/api/open/evidence.csv"};

} // namespace

TEST_CASE("the open-data files are every shard's, the same whichever shard answers") {
    two_shards f;
    closed_work(*f.sur, "CSIMB000001", "Techo del sur", "11111111-2222-3333-4444-555555555555");
    closed_work(*f.centro, "DFIST000003", "Piso del centro",
                "66666666-7777-8888-9999-000000000000");

    for (const char* path : {"/api/open/followup.json", "/api/open/ocds.json"}) {
        CAPTURE(path);
        auto sur = get(f.sur_port, path);
        auto centro = get(f.centro_port, path);
        REQUIRE_MESSAGE(sur.status == 200, sur.body);
        REQUIRE_MESSAGE(centro.status == 200, centro.body);
        CHECK(timeless(sur.body) == timeless(centro.body));
        auto doc = json::parse(sur.body);
        CHECK(doc["complete"] == true);
        CHECK(doc["missing"] == json::array());
        CHECK(doc["missing_message"].is_null());
        CHECK(sur.body.find("Techo del sur") != std::string::npos);
        CHECK(sur.body.find("Piso del centro") != std::string::npos);
    }
    auto doc = json::parse(get(f.centro_port, "/api/open/followup.json").body);
    REQUIRE(doc["clinics"].size() == 2);
    CHECK(doc["clinics"][0]["clues"] == "CSIMB000001"); // by CLUES, as one shard sorts them
    CHECK(doc["clinics"][1]["clues"] == "DFIST000003");
    CHECK(json::parse(get(f.sur_port, "/api/open/ocds.json").body)["releases"].size() == 2);

    for (const char* path : csv_files) {
        CAPTURE(path);
        auto sur = get(f.sur_port, path);
        auto centro = get(f.centro_port, path);
        REQUIRE_MESSAGE(sur.status == 200, sur.body);
        CHECK(sur.body == centro.body);
    }
    auto works = get(f.centro_port, "/api/open/works.csv").body;
    CHECK(works.find("CSIMB000001") != std::string::npos);
    CHECK(works.find("DFIST000003") != std::string::npos);
    auto expenses = get(f.sur_port, "/api/open/expenses.csv").body;
    CHECK(expenses.find("66666666-7777-8888-9999-000000000000") != std::string::npos);

    // `?clues=` is the clinic's own shard's: another shard sends it there (421 naming it).
    CHECK(get(f.sur_port, "/api/open/followup.json?clues=CSIMB000001").status == 200);
    auto elsewhere = get(f.sur_port, "/api/open/works.csv?clues=DFIST000003");
    CHECK(elsewhere.status == 421);
    CHECK(json::parse(elsewhere.body)["error"] == "wrong_shard");
    CHECK(json::parse(elsewhere.body)["shard"] == "centro");
    CHECK(get(f.centro_port, "/api/open/works.csv?clues=DFIST000003").status == 200);
}

TEST_CASE("an open-data file short of a shard names it or is refused") {
    two_shards f;
    closed_work(*f.sur, "CSIMB000001", "Techo del sur", "11111111-2222-3333-4444-555555555555");
    closed_work(*f.centro, "DFIST000003", "Piso del centro",
                "66666666-7777-8888-9999-000000000000");
    f.centro->stop();

    for (const char* path : {"/api/open/followup.json", "/api/open/ocds.json"}) {
        CAPTURE(path);
        auto r = get(f.sur_port, path);
        REQUIRE_MESSAGE(r.status == 200, r.body);
        auto doc = json::parse(r.body);
        CHECK(doc["complete"] == false);
        REQUIRE(doc["missing"].size() == 1);
        CHECK(doc["missing"][0]["shard"] == "centro");
        CHECK(doc["missing"][0]["states"] == json::array({"Ciudad de México"}));
        CHECK(doc["missing_message"].is_string());
        CHECK(r.body.find("Techo del sur") != std::string::npos);
        CHECK(r.body.find("Piso del centro") == std::string::npos);
    }
    for (const char* path : csv_files) {
        CAPTURE(path);
        auto r = get(f.sur_port, path);
        CHECK(r.status == 503);
        CHECK(json::parse(r.body)["error"] == "shard_missing");
    }
    // The clinic's own file does not need the other shard.
    CHECK(get(f.sur_port, "/api/open/works.csv?clues=CSIMB000001").status == 200);
}

TEST_CASE("the open-data peer route answers only a stamped request from another shard") {
    two_shards f;
    closed_work(*f.sur, "CSIMB000001", "Techo del sur", "11111111-2222-3333-4444-555555555555");
    http_client c(f.sur_port);
    auto r = c.request("POST", "/api/fleet/open/followup", "{}");
    CHECK(r.status == 401);
    CHECK(json::parse(r.body)["error"] == "not_a_peer");

    // Stamped by centro's key and name, as centro's fleet sends it: sur's own records only.
    auto parsed = asamblea::domain::shard_map::parse(f.map_text);
    REQUIRE(parsed.ok());
    asamblea::server::fleet centro(parsed.map, "centro", asamblea::store::load_key(f.key_file));
    asamblea::server::peer_call call;
    call.method = "POST";
    call.target = "/api/fleet/open/followup";
    call.body = "{}";
    auto replies = asamblea::server::ask_peers(centro, call, {"sur"});
    REQUIRE(replies.size() == 1);
    REQUIRE(replies[0].status == 200);
    auto part = json::parse(replies[0].body);
    REQUIRE(part["clinics"].size() == 1);
    CHECK(part["clinics"][0]["clinic"]["clues"] == "CSIMB000001");
    CHECK(part["clinics"][0]["works"][0]["title"] == "Techo del sur");
    CHECK(part["clinics"][0]["works"][0]["expenses"][0]["cfdi_uuid"] ==
          "11111111-2222-3333-4444-555555555555");
}

} // namespace fleet_open_data_test
