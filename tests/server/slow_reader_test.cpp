// Memory stays bounded under clients that never read (issue 17 item 13, the connection part): a
// WebSocket that keeps sending but never reads its replies is dropped at its outbox's hard limit,
// one that sends nothing and never reads is closed by the idle time-out, and a keep-alive HTTP
// client that pipelines requests but never reads the answers is cut by the response time-out.
// Each ends with its descriptor and its place under the caps given back.
#include "test_server_fixture.hpp"

#include "raw_http.hpp"
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <iostream>
#include <string>
#include <thread>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace slow_reader_test {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr auto generous = std::chrono::seconds(30);

// A client socket whose receive buffer is as small as the kernel allows, so the server's writes
// back up after a few KiB instead of a few MiB.
tcp::socket tiny_window_socket(asio::io_context& ioc, unsigned short port) {
    tcp::socket socket(ioc);
    socket.open(tcp::v4());
    socket.set_option(asio::socket_base::receive_buffer_size(1024));
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    return socket;
}

// A client WebSocket frame: text, final, masked with a zero key (so the payload goes as it is).
std::string text_frame(const std::string& payload) {
    REQUIRE(payload.size() < 126);
    std::string frame = "\x81";
    frame += static_cast<char>(0x80 | payload.size());
    frame += std::string(4, '\0');
    return frame + payload;
}

// Upgrades a raw socket to a WebSocket on the clinic's path, reading only the 101 answer.
void upgrade(tcp::socket& socket) {
    asio::write(socket, asio::buffer(std::string("GET /ws/c/CSIMB000001 HTTP/1.1\r\n"
                                                 "Host: localhost\r\nUpgrade: websocket\r\n"
                                                 "Connection: Upgrade\r\n"
                                                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                                 "Sec-WebSocket-Version: 13\r\n\r\n")));
    std::string got;
    asio::read_until(socket, asio::dynamic_buffer(got), "\r\n\r\n");
    REQUIRE_MESSAGE(got.starts_with("HTTP/1.1 101"), got);
}

std::string metrics_text(unsigned short port) {
    asio::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    asio::write(socket, asio::buffer(std::string("GET /metrics HTTP/1.1\r\nHost: localhost\r\n"
                                                 "Connection: close\r\n\r\n")));
    std::string got;
    boost::system::error_code ec;
    asio::read(socket, asio::dynamic_buffer(got), ec);
    return got;
}

// Polls /metrics until `sample` has `value` (the server notices a dead client on its own time).
bool metric_reaches(unsigned short port, const std::string& sample, long long value) {
    auto deadline = std::chrono::steady_clock::now() + generous;
    while (std::chrono::steady_clock::now() < deadline) {
        if (metric_value(metrics_text(port), sample) == value)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// This process's resident memory (the server runs in it), printed for the record, not asserted.
long rss_kib() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with("VmRSS:"))
            return std::stol(line.substr(6));
    return -1;
}

} // namespace

TEST_CASE("a WebSocket that keeps sending but never reads is dropped at its outbox's limit") {
    running_server s;
    asio::io_context ioc;
    auto socket = tiny_window_socket(ioc, s.port);
    upgrade(socket);
    asio::write(socket, asio::buffer(text_frame(R"({"type":"hello"})")));

    // Every ping is answered with a pong that this client never reads: the kernel's buffers fill,
    // then the outbox, and past its hard limit (256 messages) the server drops the socket. The
    // pings go in batches until a write fails because the server is gone.
    const long before = rss_kib();
    std::string batch;
    for (int i = 0; i < 1000; ++i)
        batch += text_frame(R"({"type":"ping"})");
    std::size_t sent = 0;
    boost::system::error_code ec;
    auto deadline = std::chrono::steady_clock::now() + generous;
    while (!ec && std::chrono::steady_clock::now() < deadline && sent < 2'000'000) {
        asio::write(socket, asio::buffer(batch), ec);
        sent += 1000;
    }
    MESSAGE("pings sent before the server dropped the socket: " << sent << "; RSS " << before
                                                                << " -> " << rss_kib() << " KiB");
    CHECK_MESSAGE(ec, "the server still reads from a client that has not read for " << sent
                                                                                    << " pings");
    CHECK(metric_reaches(s.port, "asamblea_websocket_dropped_total", 1));
    CHECK(metric_reaches(s.port, "asamblea_websocket_sessions", 0));
    CHECK(metric_reaches(s.port, "asamblea_connections_held", 1)); // only the metrics request
}

TEST_CASE("a WebSocket that neither sends nor reads is closed by the idle time-out") {
    asamblea::server::server_config config;
    config.ws.idle_timeout = std::chrono::seconds(2);
    running_server s(config);
    asio::io_context ioc;
    auto socket = tiny_window_socket(ioc, s.port);
    upgrade(socket);
    asio::write(socket, asio::buffer(text_frame(R"({"type":"hello"})")));
    REQUIRE(metric_reaches(s.port, "asamblea_websocket_sessions", 1));
    // The server's pings go unanswered, as everything else it sends.
    CHECK(metric_reaches(s.port, "asamblea_websocket_sessions", 0));
    CHECK(metric_reaches(s.port, "asamblea_connections_held", 1));
    CHECK(metric_reaches(s.port, "asamblea_websocket_idle_closed_total", 1));
}

TEST_CASE("an HTTP client that pipelines requests but never reads is cut by the response time") {
    asamblea::server::server_config config;
    config.limits.request_timeout = std::chrono::seconds(1);
    running_server s(config);
    asio::io_context ioc;
    auto socket = tiny_window_socket(ioc, s.port);
    // 400 requests for a 28 KB script: 11 MB of answers that are never read. The server answers
    // one request at a time, so what it holds for this client is one answer, until the write of
    // one stalls past the response time and the connection is closed.
    std::string requests;
    for (int i = 0; i < 400; ++i)
        requests += "GET /js/moderar-votaciones.js HTTP/1.1\r\nHost: localhost\r\n\r\n";
    const long before = rss_kib();
    asio::write(socket, asio::buffer(requests));
    CHECK(metric_reaches(s.port, "asamblea_connections_open", 1));
    CHECK(metric_reaches(s.port, "asamblea_connections_held", 1));
    MESSAGE("RSS " << before << " -> " << rss_kib() << " KiB");
    auto text = metrics_text(s.port);
    // Far fewer than the 400 asked for were answered before the cut.
    auto answered =
        metric_value(text, "asamblea_http_requests_total{route=\"static\",status=\"200\"}");
    MESSAGE("answers written before the cut: " << answered);
    CHECK(answered >= 1);
    CHECK(answered < 400);
    // The writer's checkpoints are reported too (none yet: the log is far from its mark).
    CHECK(metric_value(text, "asamblea_checkpoint_passes_total{by=\"thread\"}") == 0);
}

} // namespace slow_reader_test
