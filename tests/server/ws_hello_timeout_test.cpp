// A WebSocket that never says hello is closed after ws_limits::hello_timeout with 1008, even when
// it keeps the connection busy with pings (issue 17 item 7); a greeted one stays open past it.
#include "http_client.hpp"
#include "test_server_fixture.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>

#include <thread>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace ws_hello_timeout_test {

namespace {

const std::string clinic = "CSIMB000001";

asamblea::server::server_config with_hello_timeout(std::chrono::seconds limit) {
    asamblea::server::server_config config;
    config.ws.hello_timeout = limit;
    return config;
}

} // namespace

TEST_CASE("a socket that only pings and never says hello is closed; a greeted one is not") {
    running_server s(with_hello_timeout(std::chrono::seconds(1)));

    ws_client silent(s.port, clinic);
    silent.send({{"type", "ping"}});
    REQUIRE(silent.next_of("pong")); // pings are answered before the hello
    ws_client greeted(s.port, clinic);
    greeted.send({{"type", "hello"}});
    REQUIRE(greeted.next_of("welcome"));

    // Keeps pinging past the limit: only the missing hello can end it.
    bool ended = false;
    for (int i = 0; i < 20 && !ended; ++i) {
        try {
            silent.send({{"type", "ping"}});
        } catch (const std::exception&) {
            ended = true; // the server's close overtook this ping
            break;
        }
        while (auto msg = silent.next(std::chrono::milliseconds(250)))
            CHECK((*msg)["type"] == "pong");
        ended = silent.ended();
    }
    REQUIRE_MESSAGE(ended, "the socket without a hello is still open after 5 s");
    if (silent.closed())
        CHECK(silent.close_code() == 1008);

    greeted.send({{"type", "ping"}});
    CHECK_MESSAGE(greeted.next_of("pong"), "a greeted socket outlives the hello time-out");

    http_client c(s.port);
    auto metrics = c.request("GET", "/metrics", "", {});
    CHECK(metrics.body.find("asamblea_websocket_hello_timeouts_total 1") != std::string::npos);
}

} // namespace ws_hello_timeout_test
