// The page's keep-alive `{"type":"ping"}` is answered on its connection's strand with one shared,
// pre-serialized pong (counted in /metrics), without parsing; any other spelling of a ping is
// still parsed and answered, and messages of every size are still read whole (the read buffer
// starts small and is freed after each message; issue 19).
#include "http_client.hpp"
#include "raw_http.hpp"
#include "test_server_fixture.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace ws_ping_test {

namespace {

const std::string clinic = "CSIMB000001";

long long fast_pings(unsigned short port) {
    http_client c(port);
    return metric_value(c.request("GET", "/metrics", "", {}).body,
                        "asamblea_websocket_fast_pings_total");
}

} // namespace

TEST_CASE("the exact ping takes the fast path; other pings and messages are parsed as before") {
    running_server s;
    ws_client ws(s.port, clinic);
    CHECK(fast_pings(s.port) == 0);

    ws.send_text(R"({"type":"ping"})"); // before the hello, as today
    auto pong = ws.next();
    REQUIRE(pong);
    CHECK(*pong == nlohmann::json{{"type", "pong"}});
    CHECK(fast_pings(s.port) == 1);

    // Same meaning, other bytes: the protocol parses it and answers the same.
    ws.send_text(R"({ "type" : "ping" })");
    pong = ws.next();
    REQUIRE(pong);
    CHECK(*pong == nlohmann::json{{"type", "pong"}});
    CHECK(fast_pings(s.port) == 1);

    // Not a ping, though it starts like one: refused by the schema as before.
    ws.send_text(R"({"type":"ping","x":1})");
    auto refused = ws.next();
    REQUIRE(refused);
    CHECK((*refused)["type"] == "error");
    CHECK(fast_pings(s.port) == 1);

    // A message far longer than the buffer's first piece is read whole: its token is checked
    // (bad_token), not cut short (bad_message).
    ws_client long_token(s.port, clinic);
    long_token.send({{"type", "hello"}, {"token", std::string(8000, 'x')}});
    auto error = long_token.next_of("error");
    REQUIRE(error);
    CHECK((*error)["error"] == "bad_token");

    // Messages of every size in a row on one socket, each read into a fresh buffer.
    ws.send({{"type", "hello"}});
    REQUIRE(ws.next_of("welcome"));
    for (std::size_t pad : {0u, 1u, 23u, 24u, 25u, 1500u, 1536u, 1537u, 8000u}) {
        ws.send({{"type", "bailar"}, {"pad", std::string(pad, 'p')}});
        auto unknown = ws.next_of("error");
        REQUIRE(unknown);
        CHECK((*unknown)["error"] == "unknown_type");
        ws.send_text(R"({"type":"ping"})");
        CHECK(ws.next_of("pong"));
    }
    CHECK(fast_pings(s.port) == 10);
}

} // namespace ws_ping_test
