#pragma once
/// Shards of one map and fleet key in one process, for the fleet tests (issue 18). The map must
/// name each shard's port before either starts, so each listens on a port found free just
/// before (bound, then closed) instead of port 0: another process could take it in between, a
/// small chance on a test machine.

#include "http_client.hpp"
#include "server/web_server.hpp"
#include "staff_login.hpp"
#include "store/crypto.hpp"
#include "test_server_fixture.hpp"

#include <SQLiteCpp/Statement.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace fleet_fixture {

/// A loopback port with nothing listening on it now.
inline unsigned short free_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

/// One shard of the map, serving on its port with its own database (seeded as running_server
/// seeds: the three fixture clinics, "coord" and "mod").
struct shard_server {
    test_dir dir;
    std::unique_ptr<asamblea::server::web_server> srv;
    unsigned short port = 0;

    shard_server(const std::string& map_text, const std::string& name, const std::string& key_file,
                 unsigned short at) {
        asamblea::server::server_config config;
        auto parsed = asamblea::domain::shard_map::parse(map_text);
        REQUIRE(parsed.ok());
        config.shards = parsed.map;
        config.shard = name;
        config.fleet_key = key_file;
        config.data_dir = dir.str();
        config.port = at;
        config.address = "127.0.0.1";
        config.threads = 2;
        config.lan_addresses = std::vector<std::string>{};
        srv = std::make_unique<asamblea::server::web_server>(config);
        running_server::seed(srv->store());
        port = srv->start();
        REQUIRE(port == at);
    }
    void stop() {
        if (!srv)
            return;
        srv->stop();
        srv->wait();
        srv.reset();
    }
    ~shard_server() { stop(); }
};

/// Two shards of one map and key, "sur" (CS*, the map's first) and "centro" (DF*); `centro` can
/// be stopped and started again on its port.
struct two_shards {
    test_dir keys;
    std::string key_file = (keys.path / "fleet.key").string();
    unsigned short sur_port = free_port();
    unsigned short centro_port = free_port();
    std::string map_text;
    std::unique_ptr<shard_server> sur, centro;

    two_shards() {
        (void)asamblea::store::create_key(key_file);
        map_text = "sur    127.0.0.1:" + std::to_string(sur_port) + " CS*\n" +
                   "centro 127.0.0.1:" + std::to_string(centro_port) + " DF*\n";
        sur = std::make_unique<shard_server>(map_text, "sur", key_file, sur_port);
        start_centro();
    }
    void start_centro() {
        centro = std::make_unique<shard_server>(map_text, "centro", key_file, centro_port);
    }
};

/// Runs `f` in one write transaction on the shard's database.
inline void write(shard_server& s, const std::function<void(asamblea::store::write_context&)>& f) {
    auto ok = s.srv->store().writer().run(
        [&](asamblea::store::write_context& w) -> asamblea::domain::status {
            f(w);
            return {};
        });
    REQUIRE(ok);
}

/// A work of 2026 in execution for the clinic, $1,000,000 approved, written straight to the
/// shard's database; its id.
inline std::int64_t insert_work(asamblea::store::write_context& w, const std::string& clues,
                                const std::string& title) {
    SQLite::Statement q(w.db(), "INSERT INTO work_items (clues, edition, title, category, "
                                "approved_centavos, quantity, state, origin, created_at, "
                                "updated_at) VALUES (?, 2026, ?, 'obra', 100000000, 1, "
                                "'en_ejecucion', 'coordinacion', ?, ?)");
    q.bind(1, clues);
    q.bind(2, title);
    q.bind(3, w.now());
    q.bind(4, w.now());
    q.exec();
    return w.db().getLastInsertRowid();
}

/// GET `target` on a shard (as `token`, when given), checked to answer `expect`; its JSON, or
/// its text as a JSON string when it is not an object.
inline nlohmann::json get(unsigned short port, const std::string& target,
                          const std::string& token = {}, unsigned expect = 200) {
    http_client c(port);
    std::map<std::string, std::string> auth;
    if (!token.empty())
        auth["Authorization"] = "Bearer " + token;
    auto r = c.request("GET", target, "", auth);
    CHECK_MESSAGE(r.status == expect, target << " → " << r.status << " " << r.body);
    return r.body.empty() || r.body[0] != '{' ? nlohmann::json(r.body)
                                              : nlohmann::json::parse(r.body);
}

/// A token of the seeded national coordinator, logged in on that shard.
inline std::string coord_of(unsigned short port) {
    http_client c(port);
    return login(c, "coord");
}

} // namespace fleet_fixture
