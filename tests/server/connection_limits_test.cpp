// The connection caps (issue 17 item 4): past the per-address cap or the total cap a new
// connection gets an explicit busy answer (503, Retry-After, a Spanish JSON error) before any byte
// of its request is read, and is closed; other addresses still get in, a WebSocket holds its place
// like any connection, and a place comes back when its connection ends.
#include "http_client.hpp"
#include "test_server_fixture.hpp"
#include "ws_client.hpp"

#include "raw_http.hpp"
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <thread>
#include <vector>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace connection_limits_test {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

const std::string health_request = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
constexpr auto generous = std::chrono::seconds(30);

// A connection from a given loopback address (127.0.0.2 is another client to the server).
tcp::socket connect_from(asio::io_context& ioc, const std::string& from, unsigned short port) {
    tcp::socket socket(ioc);
    socket.open(tcp::v4());
    socket.bind({asio::ip::make_address(from), 0});
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    return socket;
}

// True once the connection has ended (the server closed it).
bool ended(tcp::socket& socket) {
    char buf[256];
    boost::system::error_code ec;
    while (!ec)
        socket.read_some(asio::buffer(buf), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
}

// An admitted keep-alive connection that has been answered once (so the server holds it).
tcp::socket held_connection(asio::io_context& ioc, const std::string& from, unsigned short port) {
    auto socket = connect_from(ioc, from, port);
    asio::write(socket, asio::buffer(health_request));
    auto answer = read_healthz_answer(socket);
    REQUIRE_MESSAGE(answer.starts_with("HTTP/1.1 200"), answer);
    return socket;
}

// GET /healthz from `from` until it is answered 200 (a place is given back when the server has
// seen its connection end, a moment after the client closed it); false after a generous wait.
bool admitted_again(asio::io_context& ioc, const std::string& from, unsigned short port) {
    auto deadline = std::chrono::steady_clock::now() + generous;
    while (std::chrono::steady_clock::now() < deadline) {
        auto socket = connect_from(ioc, from, port);
        boost::system::error_code ec;
        asio::write(socket, asio::buffer(health_request), ec);
        if (read_healthz_answer(socket).starts_with("HTTP/1.1 200"))
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

struct busy_answer {
    unsigned status = 0;
    std::string retry_after;
    nlohmann::json body;
};

busy_answer parse_busy(const std::string& raw) {
    busy_answer out;
    INFO(raw);
    REQUIRE(raw.starts_with("HTTP/1.1 "));
    out.status = static_cast<unsigned>(std::stoi(raw.substr(9, 3)));
    auto at = raw.find("Retry-After: ");
    if (at != std::string::npos)
        out.retry_after = raw.substr(at + 13, raw.find("\r\n", at) - at - 13);
    auto body = raw.find("\r\n\r\n");
    REQUIRE(body != std::string::npos);
    out.body = nlohmann::json::parse(raw.substr(body + 4));
    return out;
}

std::string metrics_text(unsigned short port) {
    asio::io_context ioc;
    auto socket = connect_from(ioc, "127.0.0.9", port);
    asio::write(socket, asio::buffer("GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: "
                                     "close\r\n\r\n"));
    std::string got;
    boost::system::error_code ec;
    asio::read(socket, asio::dynamic_buffer(got), ec);
    return got;
}

} // namespace

TEST_CASE("past the per-address cap a connection is told the server is busy; other addresses "
          "still get in") {
    asamblea::server::server_config config;
    config.limits.max_connections_per_address = 3;
    running_server s(config);
    asio::io_context ioc;

    std::vector<tcp::socket> held;
    for (int i = 0; i < 3; ++i)
        held.push_back(held_connection(ioc, "127.0.0.1", s.port));

    // The fourth from the same address: answered without sending a byte, then closed.
    auto fourth = connect_from(ioc, "127.0.0.1", s.port);
    auto answer = parse_busy(read_healthz_answer(fourth));
    CHECK(answer.status == 503);
    CHECK(answer.retry_after == "5");
    CHECK(answer.body["error"] == "too_many_connections");
    CHECK(answer.body["message"].get<std::string>().find("demasiadas conexiones") !=
          std::string::npos);
    CHECK(ended(fourth));

    // A client that sent its request at once gets the same answer, not a reset.
    http_client fifth(s.port);
    auto reply = fifth.request("GET", "/healthz");
    CHECK(reply.status == 503);
    CHECK(reply.header("Retry-After") == "5");
    CHECK(nlohmann::json::parse(reply.body)["error"] == "too_many_connections");

    // Another address is not held back by this one.
    auto other = held_connection(ioc, "127.0.0.2", s.port);

    // The three held ones were never disturbed.
    for (auto& socket : held) {
        asio::write(socket, asio::buffer(health_request));
        CHECK(read_healthz_answer(socket).starts_with("HTTP/1.1 200"));
    }

    // A place comes back when its connection ends.
    held.front().close();
    CHECK(admitted_again(ioc, "127.0.0.1", s.port));

    auto text = metrics_text(s.port);
    // The fourth and the fifth, and any probe of admitted_again that came before the place did.
    CHECK(metric_value(text, "asamblea_connections_refused_total{reason=\"address_full\"}") >= 2);
    CHECK(metric_value(text, "asamblea_connections_refused_total{reason=\"server_full\"}") == 0);
    CHECK(metric_value(text, "asamblea_connections_max_per_address") == 3);
    // 127.0.0.1 holds two (three while the server has not yet seen admitted_again's probe end),
    // 127.0.0.2 one, and the metrics request's own address one.
    CHECK(metric_value(text, "asamblea_connections_busiest_address") >= 2);
    CHECK(metric_value(text, "asamblea_connection_addresses") == 3);
    CHECK(metric_value(text, "asamblea_connections_held") >= 4);
}

TEST_CASE("a WebSocket holds its connection's place until it ends") {
    asamblea::server::server_config config;
    config.limits.max_connections_per_address = 2;
    running_server s(config);
    asio::io_context ioc;

    auto first = std::make_unique<ws_client>(s.port, "CSIMB000001");
    first->send({{"type", "hello"}});
    REQUIRE(first->next_of("welcome"));
    ws_client second(s.port, "CSIMB000001");
    second.send({{"type", "hello"}});
    REQUIRE(second.next_of("welcome"));

    // Both places are taken by the upgraded connections.
    auto third = connect_from(ioc, "127.0.0.1", s.port);
    auto answer = parse_busy(read_healthz_answer(third));
    CHECK(answer.status == 503);
    CHECK(answer.body["error"] == "too_many_connections");

    first.reset();
    CHECK(admitted_again(ioc, "127.0.0.1", s.port));
    second.send({{"type", "ping"}});
    CHECK(second.next_of("pong"));
}

TEST_CASE("past the total cap every address is told the server is busy") {
    asamblea::server::server_config config;
    config.limits.max_connections = 3;
    running_server s(config);
    asio::io_context ioc;

    std::vector<tcp::socket> held;
    for (const char* from : {"127.0.0.1", "127.0.0.2", "127.0.0.3"})
        held.push_back(held_connection(ioc, from, s.port));

    auto fourth = connect_from(ioc, "127.0.0.4", s.port);
    auto answer = parse_busy(read_healthz_answer(fourth));
    CHECK(answer.status == 503);
    CHECK(answer.retry_after == "5");
    CHECK(answer.body["error"] == "server_busy");
    CHECK(answer.body["message"].get<std::string>().find("demasiadas conexiones") !=
          std::string::npos);
    CHECK(ended(fourth));

    held.pop_back();
    CHECK(admitted_again(ioc, "127.0.0.4", s.port));

    // /metrics takes a place too: one is free once the probe above has gone.
    held.pop_back();
    std::string text;
    auto deadline = std::chrono::steady_clock::now() + generous;
    while (text.find("HTTP/1.1 200") != 0 && std::chrono::steady_clock::now() < deadline)
        text = metrics_text(s.port);
    REQUIRE(text.find("HTTP/1.1 200") == 0);
    CHECK(metric_value(text, "asamblea_connections_refused_total{reason=\"server_full\"}") >= 1);
    CHECK(metric_value(text, "asamblea_connections_refused_total{reason=\"address_full\"}") == 0);
    CHECK(metric_value(text, "asamblea_connections_max") == 3);
}

} // namespace connection_limits_test
