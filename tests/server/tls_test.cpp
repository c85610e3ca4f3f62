// TLS where there is no proxy (serve --tls-cert/--tls-key): the real server on port 0 with a
// self-signed certificate the test makes for localhost, and real TLS clients that trust exactly
// that certificate. HTTPS and WSS answer as the plain server does (plus HSTS); what does not
// speak TLS, or never starts to, is closed and counted, and the server goes on.
#include "assembly_setup.hpp"
#include "committee_logins.hpp"
#include "http_client.hpp"
#include "raw_http.hpp"
#include "test_server_fixture.hpp"
#include "tls_trust.hpp"
#include "ws_client.hpp"

#include "domain/committee.hpp"
#include "domain/round.hpp"
#include "store/assembly_repo.hpp"
#include "store/crypto.hpp"
#include "store/member_repo.hpp"
#include "store/round_repo.hpp"
#include "store/user_repo.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <utility>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace tls_test {

namespace {

const std::string clinic = "CSIMB000001";
constexpr const char* hsts = "max-age=31536000";

// A certificate of its own in a folder of its own, and the server started with it.
struct tls_server {
    test_dir certs;
    tls_trust trust{(certs.path / "cert.pem").string()};
    std::unique_ptr<running_server> s;

    tls_server() {
        const auto key = (certs.path / "key.pem").string();
        write_self_signed_cert(trust.ca_file, key);
        asamblea::server::server_config config;
        config.tls_cert = trust.ca_file;
        config.tls_key = key;
        // Short, so the test of a client that never shakes hands is quick.
        config.limits.tls_handshake_timeout = std::chrono::seconds(1);
        s = std::make_unique<running_server>(config);
    }
    unsigned short port() const { return s->port; }
};

long long handshake_failures(tls_server& t) {
    http_client c(t.port(), t.trust);
    auto r = c.request("GET", "/metrics");
    REQUIRE(r.status == 200);
    return metric_value(r.body, "asamblea_tls_handshake_failures_total");
}

// Reads from a bare socket until the server ends the connection (or, so a broken server cannot
// hang the suite, a generous minute passes); returns what was read and whether it ended.
std::pair<std::string, bool> read_until_closed(boost::asio::io_context& ioc,
                                               boost::asio::ip::tcp::socket& socket) {
    std::string got;
    bool ended = false;
    char buf[1024];
    std::function<void()> read = [&] {
        socket.async_read_some(boost::asio::buffer(buf),
                               [&](boost::system::error_code ec, std::size_t n) {
                                   got.append(buf, n);
                                   if (ec)
                                       ended = true;
                                   else
                                       read();
                               });
    };
    read();
    ioc.run_for(std::chrono::seconds(60));
    return {got, ended};
}

} // namespace

TEST_CASE("tls: HTTPS answers /healthz, a public API read and a login, with HSTS and https links") {
    tls_server t;
    http_client c(t.port(), t.trust);

    auto health = c.request("GET", "/healthz");
    CHECK(health.status == 200);
    CHECK(json::parse(health.body)["status"] == "ok");
    CHECK(health.header("Strict-Transport-Security") == hsts);

    auto clinic_read = c.request("GET", "/api/c/" + clinic);
    CHECK(clinic_read.status == 200);
    CHECK(clinic_read.header("Strict-Transport-Security") == hsts);
    CHECK(json::parse(clinic_read.body).dump().find("Ocosingo") != std::string::npos);

    // The links phones get use https (the fixture gives no LAN address: the request's own).
    auto origin = json::parse(c.request("GET", "/api/link-origin").body);
    CHECK(origin["origin"] == "https://localhost");

    auto token = login(c, "coord");
    CHECK(!token.empty());
    auto refused = c.request("POST", "/api/auth/login",
                             json{{"username", "coord"}, {"password", "otra"}}.dump());
    CHECK(refused.status == 401);
    CHECK(refused.header("Strict-Transport-Security") == hsts);

    // The plain server says nothing of HSTS, and its links stay http.
    running_server plain;
    http_client p(plain.port);
    CHECK(p.request("GET", "/healthz").header("Strict-Transport-Security").empty());
    CHECK(json::parse(p.request("GET", "/api/link-origin").body)["origin"] == "http://localhost");
}

TEST_CASE("tls: over WSS a voter says hello, gets the snapshot, and a vote is acknowledged") {
    tls_server t;
    http_client c(t.port(), t.trust);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 2, {100000, 150000}, 1);

    ws_client voter(t.port(), clinic, t.trust);
    voter.send({{"type", "hello"}, {"credential", a.codes[0]}});
    auto welcome = voter.next_of("welcome");
    REQUIRE(welcome);
    CHECK((*welcome)["role"] == "voter");
    auto snapshot = voter.next_of("snapshot");
    REQUIRE(snapshot);
    CHECK((*snapshot)["round"]["status"] == "abierta");

    voter.send({{"type", "ballot"},
                {"round_id", a.round_id},
                {"ballot_id", "tls-ballot-1"},
                {"choices", {a.proposal_ids[0]}}});
    auto ack = voter.next_of("ack");
    REQUIRE(ack);
    CHECK(std::string((*ack)["receipt"]).size() == 9);

    // Shutting down closes the secure socket like a plain one: 1001, going away.
    t.s->srv->stop();
    // The room's push after the ballot (progress) may still come first.
    int more = 0;
    while (voter.next(std::chrono::seconds(10)) && ++more < 5) {
    }
    CHECK(more < 5);
    CHECK(voter.closed());
    CHECK(voter.close_code() == 1001);
}

TEST_CASE("tls: plain HTTP on the TLS port is closed, counted, and the next client is served") {
    tls_server t;
    const auto before = handshake_failures(t);

    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket plain(ioc);
    plain.connect({boost::asio::ip::make_address("127.0.0.1"), t.port()});
    boost::asio::write(
        plain, boost::asio::buffer(std::string(
                   "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")));
    auto [got, ended] = read_until_closed(ioc, plain);
    CHECK(ended);
    CHECK(got.find("HTTP/1.1") == std::string::npos); // at most a TLS alert, never an answer

    http_client next(t.port(), t.trust);
    CHECK(next.request("GET", "/healthz").status == 200);
    CHECK(handshake_failures(t) == before + 1);
}

TEST_CASE("tls: a client that never starts the handshake is closed by the handshake time-out") {
    tls_server t;
    const auto before = handshake_failures(t);

    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket silent(ioc);
    silent.connect({boost::asio::ip::make_address("127.0.0.1"), t.port()});
    auto [got, ended] = read_until_closed(ioc, silent);
    CHECK(ended);
    CHECK(got.empty());
    CHECK(handshake_failures(t) == before + 1);

    http_client next(t.port(), t.trust);
    CHECK(next.request("GET", "/healthz").status == 200);
}

TEST_CASE("tls: a client that does not trust the certificate fails its own handshake") {
    tls_server t;
    tls_server other; // another self-signed certificate: not the one this server presents
    CHECK_THROWS(http_client(t.port(), other.trust));
    http_client trusting(t.port(), t.trust);
    CHECK(trusting.request("GET", "/healthz").status == 200);
}

TEST_CASE("tls: an evidence upload streams to disk over HTTPS") {
    tls_server t;
    add_committee_logins(*t.s); // "tesorera" among them
    http_client c(t.port(), t.trust);
    auto token = login(c, "tesorera");
    // A JPEG's first bytes, then more than one piece of the server's 64 KiB reads.
    std::string photo = "\xFF\xD8\xFF\xE0";
    photo.append("\x00\x10JFIF\x00", 8);
    for (std::size_t i = photo.size(); i < 150 * 1024; ++i)
        photo.push_back(static_cast<char>('j' + i % 13));
    auto r = c.request("POST", "/api/c/" + clinic + "/files", photo,
                       {{"Authorization", "Bearer " + token}, {"Content-Type", "image/jpeg"}});
    REQUIRE_MESSAGE(r.status == 201, r.body);
    CHECK(r.header("Strict-Transport-Security") == hsts);
    const auto sha = asamblea::store::sha256_hex(photo);
    CHECK(json::parse(r.body)["sha256"] == sha);
    CHECK(std::filesystem::is_regular_file(t.s->dir.path / "evidence" / sha.substr(0, 2) / sha));
    // The connection stays open for the next request.
    CHECK(c.request("GET", "/healthz").status == 200);
}

} // namespace tls_test
