// A keep-alive connection's next request gets the same header time-out as the first (issue 17
// item 7): it may take the idle time to begin, but a header trickled a byte at a time after that
// is cut after header_timeout, not after the whole idle time.
#include "test_server_fixture.hpp"

#include "raw_http.hpp"
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <doctest/doctest.h>

#include <string>
#include <thread>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace http_header_timeout_test {

namespace {

namespace asio = boost::asio;

const std::string health_request = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";

} // namespace

TEST_CASE("a keep-alive request whose header is trickled is cut after the header time-out") {
    asamblea::server::server_config config;
    config.limits.header_timeout = std::chrono::seconds(1);
    config.limits.idle_timeout = std::chrono::seconds(30);
    running_server s(config);

    asio::io_context ioc;
    asio::ip::tcp::socket socket(ioc);
    socket.connect({asio::ip::make_address("127.0.0.1"), s.port});
    asio::write(socket, asio::buffer(health_request));
    REQUIRE(read_healthz_answer(socket).find("HTTP/1.1 200") == 0);

    // A pause well inside the idle time is fine: the next request is answered.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    asio::write(socket, asio::buffer(health_request));
    REQUIRE(read_healthz_answer(socket).find("HTTP/1.1 200") == 0);

    // The third request's header arrives a few bytes every 300 ms, 3.6 s in all.
    boost::system::error_code ec;
    for (std::size_t at = 0; at < health_request.size() && !ec; at += 4) {
        asio::write(socket, asio::buffer(health_request.substr(at, 4)), ec);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    auto third = read_healthz_answer(socket);
    CHECK_MESSAGE(third.find("HTTP/1.1 200") == std::string::npos,
                  "a trickled header was answered: " << third);
}

} // namespace http_header_timeout_test
