// Issue 18: a shard answers a clinic that the shard map gives to another shard with 421 and that
// shard's name, on every path that names a clinic (REST, upload, page, WebSocket), even when the
// clinic's rows are in its database; its own clinics are served as before.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>

#include <string>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace wrong_shard_test {

namespace {

// The fixture seeds CSIMB000001, CSIMB000002 (Chiapas) and DFIST000003 (Mexico City).
asamblea::server::server_config as_shard_sur() {
    auto parsed = asamblea::domain::shard_map::parse("sur    127.0.0.1:9001  CS*\n"
                                                     "centro 127.0.0.1:9002  DF* ZZ*\n");
    REQUIRE(parsed.ok());
    asamblea::server::server_config config;
    config.shards = std::move(parsed.map);
    config.shard = "sur";
    return config;
}

void check_wrong_shard(const http_reply& r, const std::string& what) {
    CHECK_MESSAGE(r.status == 421, what << " → " << r.status << " " << r.body);
    auto body = json::parse(r.body, nullptr, false);
    REQUIRE_MESSAGE(body.is_object(), what << " → " << r.body);
    CHECK(body["error"] == "wrong_shard");
    CHECK(body["shard"] == "centro");
    CHECK(body["message"].get<std::string>().find("otro servidor") != std::string::npos);
}

} // namespace

TEST_CASE("another shard's clinic is 421 naming that shard on REST, upload and page routes") {
    running_server s(as_shard_sur());
    http_client c(s.port);
    auto token = login(c, "coord");
    check_wrong_shard(c.request("GET", "/api/c/DFIST000003/rounds"), "GET rounds");
    check_wrong_shard(c.request("GET", "/api/c/dfist000003"), "GET clinic, lower case");
    check_wrong_shard(c.request("POST", "/api/c/DFIST000003/rounds",
                                json{{"kind", "budget"}, {"title", "Presupuesto"}}.dump(),
                                {{"Authorization", "Bearer " + token}}),
                      "POST rounds");
    {
        // A refused upload closes its connection: a client of its own.
        http_client uploader(s.port);
        check_wrong_shard(uploader.request("POST", "/api/c/DFIST000003/files?nombre=foto.jpg", "x",
                                           {{"Authorization", "Bearer " + token}}),
                          "upload");
    }
    check_wrong_shard(c.request("GET", "/c/DFIST000003"), "clinic page");
    check_wrong_shard(c.request("GET", "/c/DFIST000003/votar"), "voting page");
    // Its own clinics, and pages of no clinic, are served as before; a clinic no shard owns
    // does not exist.
    CHECK(c.request("GET", "/api/c/CSIMB000001/rounds").status == 200);
    CHECK(c.request("GET", "/c/CSIMB000001").status == 200);
    CHECK(c.request("GET", "/").status == 200);
    CHECK(c.request("GET", "/api/c/JCIMB000001/rounds").status == 404);
    // A clinic the map gives to another shard is that shard's even with no rows anywhere.
    check_wrong_shard(c.request("GET", "/api/c/ZZZZZ999999/rounds"), "unknown, other shard");
}

TEST_CASE("another shard's clinic is refused with 421 at the WebSocket upgrade") {
    running_server s(as_shard_sur());
    http_client c(s.port);
    auto r = c.raw("GET /ws/c/DFIST000003 HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n");
    check_wrong_shard(r, "upgrade");
    CHECK_THROWS(ws_client(s.port, "DFIST000003"));
    ws_client ok(s.port, "CSIMB000001");
    ok.send({{"type", "hello"}});
    CHECK(ok.next_of("welcome"));
}

TEST_CASE("without a shard map every clinic in the database is served") {
    running_server s;
    http_client c(s.port);
    CHECK(c.request("GET", "/api/c/DFIST000003/rounds").status == 200);
    CHECK(c.request("GET", "/c/DFIST000003").status == 200);
}

} // namespace wrong_shard_test
