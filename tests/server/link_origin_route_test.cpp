// GET /api/link-origin against the real server on port 0: the origin of the links phones get.
// A request that came to a loopback name gets the LAN address; a configured public URL wins; with
// neither, the answer says phones cannot open it (the moderator's page warns).
#include "test_server_fixture.hpp"

#include "http_client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace link_origin_route_test {

namespace {

json origin_for(unsigned short port, const std::string& host) {
    http_client c(port);
    auto r = c.request("GET", "/api/link-origin", {}, {{"Host", host}});
    REQUIRE(r.status == 200);
    CHECK(r.header("Cache-Control") == "no-cache");
    return json::parse(r.body);
}

} // namespace

TEST_CASE("a tablet on localhost gives phones the LAN address, with the same port") {
    asamblea::server::server_config config;
    config.lan_addresses = std::vector<std::string>{"127.0.0.1", "192.0.2.7"};
    running_server s(config);

    auto lan = origin_for(s.port, "localhost:8080");
    CHECK(lan["origin"] == "http://192.0.2.7:8080");
    CHECK(lan["source"] == "lan");
    CHECK(lan["unreachable"] == false);
    CHECK(origin_for(s.port, "127.0.0.1:9000")["origin"] == "http://192.0.2.7:9000");

    // A tablet that used a name phones can reach keeps it.
    auto named = origin_for(s.port, "tableta.local:8080");
    CHECK(named["origin"] == "http://tableta.local:8080");
    CHECK(named["source"] == "request");
}

TEST_CASE("the public URL wins; without it and without a LAN address, phones cannot open links") {
    asamblea::server::server_config configured;
    configured.public_url = "https://asamblea.example.mx/";
    configured.lan_addresses = std::vector<std::string>{"192.0.2.7"};
    running_server with_url(configured);
    auto o = origin_for(with_url.port, "localhost:8080");
    CHECK(o["origin"] == "https://asamblea.example.mx");
    CHECK(o["source"] == "configured");

    running_server alone; // the fixture gives no LAN address
    auto lonely = origin_for(alone.port, "localhost:8080");
    CHECK(lonely["origin"] == "http://localhost:8080");
    CHECK(lonely["source"] == "loopback");
    CHECK(lonely["unreachable"] == true);
}

} // namespace link_origin_route_test
