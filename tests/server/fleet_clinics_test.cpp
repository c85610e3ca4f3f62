// Issue 18: the clinic directory and the national schedule over every shard. Two shards of one
// map ("sur" owns CS*, "centro" DF*), each holding only its own clinics: the clinic search (its
// filters, paging and total), the states and the CSV are the same whichever shard answers; with
// centro stopped they say complete:false naming its states and the CSV is 503; the national
// schedule convenes the clinics of both shards, is safe to repeat, and names a shard that does
// not answer.
//
// The shards listen on ports picked free just before they start (each one's map must name the
// other's port), not on port 0.
#include "assembly_setup.hpp"
#include "fleet_fixture.hpp"
#include "followup_helpers.hpp"
#include "store/clinic_repo.hpp"
#include "store/crypto.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <string>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace fleet_clinics_test {

namespace {

using asamblea::store::write_context;
using nlohmann::json;

using fleet_fixture::shard_server;
using fleet_fixture::two_shards;
using fleet_fixture::write;

using fleet_fixture::coord_of;
using fleet_fixture::get;

// Each shard keeps only the clinics it owns (as import-clinics --shard does) and one more:
// sur CSIMB000001, CSIMB000002, CSIMB000004; centro DFIMB000005, DFIST000003.
void own_clinics(two_shards& f) {
    write(*f.sur, [](write_context& w) {
        w.db().exec("DELETE FROM clinics WHERE clues NOT LIKE 'CS%'");
        asamblea::store::upsert_clinics(w, {{"CSIMB000004", "Centro de Salud Yajalón", "Chiapas",
                                             "Yajalón", "IMSS-BIENESTAR", 2, "Rural", 40000000}});
    });
    write(*f.centro, [](write_context& w) {
        w.db().exec("DELETE FROM user_clinics WHERE clues NOT LIKE 'DF%'");
        w.db().exec("DELETE FROM clinics WHERE clues NOT LIKE 'DF%'");
        asamblea::store::upsert_clinics(
            w, {{"DFIMB000005", "Centro de Salud Coyoacán", "Ciudad de México", "Coyoacán",
                 "IMSS-BIENESTAR", 2, "Urbano", 60000000}});
    });
}

std::vector<std::string> clues_of(const json& items) {
    std::vector<std::string> out;
    for (const auto& r : items)
        out.push_back(r["clues"]);
    return out;
}

std::string text_of(unsigned short port, const std::string& target, const std::string& token,
                    unsigned expect) {
    http_client c(port);
    auto r = c.request("GET", target, "", headers{{"Authorization", "Bearer " + token}});
    CHECK_MESSAGE(r.status == expect, target << " → " << r.status << " " << r.body);
    return r.body;
}

json schedule(unsigned short port, const std::string& token) {
    http_client c(port);
    return call(c, "POST", "/api/national/schedule", token,
                {{"institucion", "IMSS-BIENESTAR"},
                 {"edition", 2026},
                 {"local_datetime", "2026-02-21T11:00"}},
                200);
}

} // namespace

TEST_CASE("the clinic search, its states and its CSV are every shard's, from either shard") {
    two_shards f;
    own_clinics(f);
    const std::vector<std::string> all{"CSIMB000001", "CSIMB000002", "CSIMB000004", "DFIMB000005",
                                       "DFIST000003"};
    auto whole = get(f.sur_port, "/api/clinics?per_page=10");
    CHECK(whole["total"] == 5);
    CHECK(clues_of(whole["items"]) == all);
    CHECK(whole["complete"] == true);
    CHECK(whole["missing_message"].is_null());
    CHECK(whole == get(f.centro_port, "/api/clinics?per_page=10"));

    // Page 2 of 2: each shard sends its first four rows, the merge cuts the middle two.
    auto page2 = get(f.centro_port, "/api/clinics?page=2&per_page=2");
    CHECK(clues_of(page2["items"]) == std::vector<std::string>{"CSIMB000004", "DFIMB000005"});
    CHECK(page2["total"] == 5);
    CHECK(page2["page"] == 2);
    CHECK(page2 == get(f.sur_port, "/api/clinics?page=2&per_page=2"));
    CHECK(clues_of(get(f.sur_port, "/api/clinics?page=3&per_page=2")["items"]) ==
          std::vector<std::string>{"DFIST000003"});

    auto imss = get(f.sur_port, "/api/clinics?institucion=imss-bienestar&q=centro");
    CHECK(imss["total"] == 4);
    CHECK(clues_of(imss["items"]) ==
          std::vector<std::string>{"CSIMB000001", "CSIMB000002", "CSIMB000004", "DFIMB000005"});
    auto cdmx = get(f.sur_port, "/api/clinics?entidad=Ciudad%20de%20M%C3%A9xico");
    CHECK(clues_of(cdmx["items"]) == std::vector<std::string>{"DFIMB000005", "DFIST000003"});

    auto states = get(f.sur_port, "/api/entidades");
    CHECK(states["items"] == json::array({"Chiapas", "Ciudad de México"}));
    CHECK(states["complete"] == true);
    CHECK(states == get(f.centro_port, "/api/entidades"));

    auto token = coord_of(f.sur_port);
    auto csv = text_of(f.sur_port, "/api/clinics.csv", token, 200);
    CHECK(csv == text_of(f.centro_port, "/api/clinics.csv", coord_of(f.centro_port), 200));
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 6); // the header and five clinics
    CHECK(csv.find("DFIST000003,Clínica Tlalpan") != std::string::npos);
    CHECK(csv.find("CSIMB000004,Centro de Salud Yajalón") < csv.find("DFIMB000005"));

    // Deeper than the rows each shard sends: refused, not cut short.
    CHECK(get(f.sur_port, "/api/clinics?page=201&per_page=100", {}, 400)["error"] == "bad_query");
}

TEST_CASE("with a shard down the clinic directory names its states and the CSV is refused") {
    two_shards f;
    own_clinics(f);
    auto token = coord_of(f.sur_port);
    f.centro->stop();

    auto found = get(f.sur_port, "/api/clinics");
    CHECK(found["complete"] == false);
    CHECK(found["total"] == 3);
    REQUIRE(found["missing"].size() == 1);
    CHECK(found["missing"][0]["shard"] == "centro");
    CHECK(found["missing"][0]["states"] == json::array({"Ciudad de México"}));
    CHECK(found["missing_message"].get<std::string>().find("Ciudad de México") !=
          std::string::npos);
    auto states = get(f.sur_port, "/api/entidades");
    CHECK(states["complete"] == false);
    CHECK(states["items"] == json::array({"Chiapas"}));
    auto csv = json::parse(text_of(f.sur_port, "/api/clinics.csv", token, 503));
    CHECK(csv["error"] == "shard_missing");

    // Centro back: the next answer is whole (the short one was not kept).
    f.start_centro();
    write(*f.centro, [](write_context& w) {
        w.db().exec("DELETE FROM user_clinics WHERE clues NOT LIKE 'DF%'");
        w.db().exec("DELETE FROM clinics WHERE clues NOT LIKE 'DF%'");
    });
    auto again = get(f.sur_port, "/api/clinics");
    CHECK(again["complete"] == true);
    CHECK(again["total"] == 4);
}

TEST_CASE("the national schedule convenes every shard's clinics and names a shard that is down") {
    two_shards f;
    own_clinics(f);
    auto token = coord_of(f.sur_port);

    auto first = schedule(f.sur_port, token);
    CHECK(first["scheduled"] == 4);
    CHECK(first["created"] == 4);
    CHECK(first["complete"] == true);
    http_client centro(f.centro_port);
    auto there =
        call(centro, "GET", "/api/c/DFIMB000005/assembly", coord_of(f.centro_port), nullptr, 200);
    CHECK(there["edition"] == 2026);

    // Repeated: the convened assemblies are rescheduled, none is created twice.
    auto again = schedule(f.centro_port, coord_of(f.centro_port));
    CHECK(again["created"] == 0);
    CHECK(again["updated"] == 4);

    f.centro->stop();
    auto short_one = schedule(f.sur_port, token);
    CHECK(short_one["scheduled"] == 3);
    CHECK(short_one["complete"] == false);
    REQUIRE(short_one["missing"].size() == 1);
    CHECK(short_one["missing"][0]["states"] == json::array({"Ciudad de México"}));
}

TEST_CASE("the clinic peer routes answer only a stamped request from another shard") {
    two_shards f;
    http_client c(f.sur_port);
    for (const auto* target :
         {"/api/fleet/clinics", "/api/fleet/entidades", "/api/fleet/national/schedule"}) {
        auto r = c.request("POST", target, "{}");
        CHECK_MESSAGE(r.status == 401, target << " → " << r.status << " " << r.body);
    }
}

} // namespace fleet_clinics_test
