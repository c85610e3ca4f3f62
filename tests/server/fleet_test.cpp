// Issue 18: shards ask each other with a stamp of the fleet key. A peer route answers only a
// fresh stamp by another shard of the map over exactly what was sent; the client asks every
// peer at once and reports the one that is down without waiting past its time-out.
#include "domain/shards/peer_stamp.hpp"
#include "fleet_fixture.hpp"
#include "http_client.hpp"
#include "server/fleet/fleet.hpp"
#include "server/fleet/fleet_client.hpp"
#include "store/crypto.hpp"
#include "test_server_fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace fleet_test {

namespace {

using asamblea::server::fleet;
using nlohmann::json;

asamblea::domain::shard_map fleet_map(unsigned short sur_port, unsigned short centro_port) {
    auto parsed = asamblea::domain::shard_map::parse(
        "sur    127.0.0.1:" + std::to_string(sur_port) + " CS*\n" +
        "centro 127.0.0.1:" + std::to_string(centro_port) + " DF*\n");
    REQUIRE(parsed.ok());
    return parsed.map;
}

// The shard "sur" of a two-shard map, serving with the key in `key_file`.
asamblea::server::server_config as_sur(const std::string& key_file) {
    asamblea::server::server_config config;
    config.shards = fleet_map(1, 2); // addresses it never dials in these tests
    config.shard = "sur";
    config.fleet_key = key_file;
    return config;
}

std::string stamp_text(const asamblea::store::secret_key& key, const std::string& shard,
                       std::int64_t at, const std::string& target) {
    auto text = asamblea::domain::peer_signing_text(shard, at, "GET", target,
                                                    asamblea::store::sha256_hex(""));
    return asamblea::domain::format_peer_stamp({shard, at, asamblea::store::mac_hex(key, text)});
}

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

TEST_CASE("a shard answers another shard of its map, stamped with the fleet key") {
    test_dir keys;
    auto key_file = (keys.path / "fleet.key").string();
    auto key = asamblea::store::create_key(key_file);
    running_server sur(as_sur(key_file));
    // "centro" asks "sur", which listens on its real port; a third shard is down.
    auto down = fleet_fixture::free_port(); // nothing listens there
    auto parsed = asamblea::domain::shard_map::parse(
        "sur    127.0.0.1:" + std::to_string(sur.port) + " CS*\n" + "centro 127.0.0.1:1 DF*\n" +
        "norte  127.0.0.1:" + std::to_string(down) + " BC*\n");
    REQUIRE(parsed.ok());
    fleet centro(parsed.map, "centro", key);
    REQUIRE(centro.peers().size() == 2);

    asamblea::server::peer_call ping;
    ping.target = "/api/fleet/ping";
    ping.timeout = std::chrono::milliseconds(1500);
    auto replies = asamblea::server::ask_peers(centro, ping);
    REQUIRE(replies.size() == 2);
    CHECK(replies[0].shard == "sur");
    CHECK_MESSAGE(replies[0].reached, replies[0].error);
    CHECK(replies[0].status == 200);
    auto body = json::parse(replies[0].body);
    CHECK(body["shard"] == "sur");
    CHECK(body["asked_by"] == "centro");
    CHECK(replies[1].shard == "norte");
    CHECK_FALSE(replies[1].reached);
    CHECK(replies[1].error.find("connect") != std::string::npos);

    // Only the named shards are asked.
    auto only = asamblea::server::ask_peers(centro, ping, {"sur"});
    REQUIRE(only.size() == 1);
    CHECK(only[0].status == 200);
}

TEST_CASE("a peer route refuses a missing, foreign, stale or altered stamp") {
    test_dir keys;
    auto key_file = (keys.path / "fleet.key").string();
    auto key = asamblea::store::create_key(key_file);
    running_server sur(as_sur(key_file));
    http_client c(sur.port);
    auto ping = [&](const std::string& stamp, const std::string& target = "/api/fleet/ping") {
        return c.request("GET", target, "", {{"X-Asamblea-Fleet", stamp}});
    };
    auto refused = [](const http_reply& r) {
        CHECK_MESSAGE(r.status == 401, r.status << " " << r.body);
        CHECK(json::parse(r.body)["error"] == "not_a_peer");
    };
    const auto now = unix_now();
    CHECK(ping(stamp_text(key, "centro", now, "/api/fleet/ping")).status == 200);
    refused(c.request("GET", "/api/fleet/ping"));
    refused(ping("v1 centro 1 nonsense"));
    // Another key: a stranger's.
    auto other = asamblea::store::create_key((keys.path / "other.key").string());
    refused(ping(stamp_text(other, "centro", now, "/api/fleet/ping")));
    // A shard that is not in the map, or this shard itself.
    refused(ping(stamp_text(key, "oeste", now, "/api/fleet/ping")));
    refused(ping(stamp_text(key, "sur", now, "/api/fleet/ping")));
    // Outside the window, either way.
    auto window = asamblea::domain::peer_stamp_window.count();
    refused(ping(stamp_text(key, "centro", now - window - 5, "/api/fleet/ping")));
    refused(ping(stamp_text(key, "centro", now + window + 5, "/api/fleet/ping")));
    // Stamped for another target.
    refused(ping(stamp_text(key, "centro", now, "/api/fleet/ping?x=1")));
    refused(ping(stamp_text(key, "centro", now, "/api/fleet/ping"), "/api/fleet/ping?x=1"));
}

TEST_CASE("a server outside any fleet has no peer routes") {
    running_server alone;
    http_client c(alone.port);
    auto r = c.request("GET", "/api/fleet/ping");
    CHECK(r.status == 404);
    CHECK(json::parse(r.body)["error"] == "no_fleet");
}

} // namespace fleet_test
