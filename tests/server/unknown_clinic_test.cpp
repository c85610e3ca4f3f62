// Issue 17 item 5: a well-formed CLUES of a clinic that does not exist gets 404 on every route,
// REST and WebSocket, before any room is made for it; a clinic imported while the server runs
// is found without a restart.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>

#include <string>
#include <thread>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace unknown_clinic_test {

namespace {

const std::string nowhere = "ZZZZZ999999"; // well-formed, in no clinic list

// The value of a metric without labels, -1 when /metrics does not have it.
long long metric(http_client& c, const std::string& name) {
    auto body = c.request("GET", "/metrics").body;
    auto at = body.find("\n" + name + " ");
    if (at == std::string::npos)
        return -1;
    return std::stoll(body.substr(at + name.size() + 2));
}

void check_unknown(const http_reply& r, const std::string& what) {
    CHECK_MESSAGE(r.status == 404, what << " → " << r.status << " " << r.body);
    auto body = json::parse(r.body, nullptr, false);
    REQUIRE_MESSAGE(body.is_object(), what << " → " << r.body);
    CHECK(body["error"] == "not_found");
    CHECK(body["message"].get<std::string>().find("No existe la unidad") != std::string::npos);
}

std::string made_up_clues(int i) {
    // Five letters and six digits: well-formed, and in no clinic list.
    std::string digits = std::to_string(1000000 + i % 1000000).substr(1);
    return "QX" + std::string(1, static_cast<char>('A' + i % 26)) + "ZZ" + digits;
}

} // namespace

TEST_CASE("an unknown clinic is 404 on its REST routes, public or staff, read or write") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    std::string base = "/api/c/" + nowhere;
    // This one answered 200 with an empty list.
    check_unknown(c.request("GET", base + "/rounds"), "GET rounds");
    check_unknown(c.request("GET", base + "/rounds", {}, {{"Authorization", "Bearer " + token}}),
                  "GET rounds as coordinator");
    check_unknown(c.request("POST", base + "/rounds",
                            json{{"kind", "budget"}, {"title", "Presupuesto"}}.dump(),
                            {{"Authorization", "Bearer " + token}}),
                  "POST rounds");
    check_unknown(
        c.request(
            "POST", base + "/assembly",
            json{{"edition", 2026}, {"scheduled_at", "2026-02-21T17:00:00.000Z"}, {"quorum_min", 2}}
                .dump(),
            {{"Authorization", "Bearer " + token}}),
        "POST assembly");
    check_unknown(c.request("GET", base + "/floor"), "GET floor");
    check_unknown(c.request("POST", base + "/floor", "{}", {{"Authorization", "Voter ABCD-EFGH"}}),
                  "POST floor");
    check_unknown(c.request("GET", base + "/chain/head"), "GET chain head");
    check_unknown(c.request("GET", "/api/public/c/" + nowhere + "/assembly"), "public assembly");
    check_unknown(c.request("GET", "/api/c/" + nowhere), "GET clinic");
    // Lower case names the same clinic and is just as unknown.
    check_unknown(c.request("GET", "/api/c/zzzzz999999/rounds"), "lower case");
    // A clinic that exists still answers.
    CHECK(c.request("GET", "/api/c/CSIMB000001/rounds").status == 200);
    CHECK(c.request("GET", "/api/c/csimb000001/rounds").status == 200);
    CHECK(metric(c, "asamblea_rooms_loaded") <= 1);
}

TEST_CASE("an unknown clinic's WebSocket is refused with 404 at the upgrade") {
    running_server s;
    http_client c(s.port);
    auto r =
        c.raw("GET /ws/c/" + nowhere +
              " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    CHECK(r.status == 404);
    CHECK_THROWS(ws_client(s.port, nowhere));
    // A clinic that exists says welcome.
    ws_client ok(s.port, "CSIMB000001");
    ok.send({{"type", "hello"}});
    CHECK(ok.next_of("welcome"));
}

TEST_CASE("a thousand made-up CLUES make no room") {
    running_server s;
    http_client c(s.port);
    auto before = metric(c, "asamblea_rooms_loaded");
    REQUIRE(before >= 0);
    int refused = 0;
    for (int i = 0; i < 1000; ++i) {
        auto clues = made_up_clues(i);
        // Two routes that used to make a room each: the round list and the speakers' queue.
        auto path = i % 2 ? "/api/c/" + clues + "/rounds" : "/api/c/" + clues + "/floor";
        if (c.request("GET", path).status == 404)
            ++refused;
    }
    CHECK(refused == 1000);
    for (int i = 0; i < 20; ++i)
        CHECK_THROWS(ws_client(s.port, made_up_clues(5000 + i)));
    CHECK(metric(c, "asamblea_rooms_loaded") == before);

    // The flood spent the burst of looks in the database; a clinic imported now is still found
    // (the next look is at most 100 ms away: waited for generously, not timed).
    const std::string fresh = "CSIMB000778";
    REQUIRE(s.srv->store().writer().run(
        [&](asamblea::store::write_context& ctx) -> asamblea::domain::status {
            asamblea::store::upsert_clinics(ctx,
                                            {{fresh, "Centro de Salud Nuevo", "Chiapas", "Ocosingo",
                                              "IMSS-BIENESTAR", 1, "Rural", 40000000}});
            return {};
        }));
    unsigned status = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (status != 200 && std::chrono::steady_clock::now() < deadline) {
        status = c.request("GET", "/api/c/" + fresh + "/rounds").status;
        if (status != 200)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(status == 200);
}

TEST_CASE("a clinic imported while the server runs is found without a restart") {
    running_server s;
    http_client c(s.port);
    const std::string fresh = "CSIMB000777";
    check_unknown(c.request("GET", "/api/c/" + fresh + "/rounds"), "before the import");
    auto ok = s.srv->store().writer().run(
        [&](asamblea::store::write_context& ctx) -> asamblea::domain::status {
            asamblea::store::upsert_clinics(ctx,
                                            {{fresh, "Centro de Salud Nuevo", "Chiapas", "Ocosingo",
                                              "IMSS-BIENESTAR", 1, "Rural", 40000000}});
            return {};
        });
    REQUIRE(ok);
    // A miss looks in the database again (only the clinics added since): found at once.
    CHECK(c.request("GET", "/api/c/" + fresh + "/rounds").status == 200);
    ws_client ws(s.port, fresh);
    ws.send({{"type", "hello"}});
    CHECK(ws.next_of("welcome"));
}

} // namespace unknown_clinic_test
