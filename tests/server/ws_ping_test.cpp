// The page's keep-alive `{"type":"ping"}` is answered on its connection's strand with one shared,
// pre-serialized pong (counted in /metrics), without parsing; any other spelling of a ping is
// still parsed and answered, and messages of every size are still read whole (the read buffer
// starts small and is freed after each message; issue 19). The server's own WebSocket pings
// (server_core's idle sweep) keep a silent but live client open past the idle time-out.
#include "http_client.hpp"
#include "raw_http.hpp"
#include "test_server_fixture.hpp"
#include "ws_client.hpp"

#include "server/ws/idle_sweep.hpp"

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

// A connection as the idle sweep sees it, counting what the sweep asked of it.
struct fake_connection : asamblea::server::ws_closer {
    int pings = 0, drops = 0;
    void close_going_away() override {}
    void ping_idle() override { ++pings; }
    void drop_idle() override { ++drops; }
    void hear(std::uint32_t now) {
        heard_ms = now;
        pinged = false;
    }
};

} // namespace

TEST_CASE("the idle sweep pings a silent connection once per silence and drops a dead one") {
    using std::chrono::milliseconds;
    const milliseconds idle{60'000}; // interval 5 s: ping at 30 s of silence, drop at 55 s
    auto quiet = std::make_shared<fake_connection>();
    auto chatty = std::make_shared<fake_connection>();
    // Near the 32-bit wrap, as the coarse clock will be now and then.
    const std::uint32_t t0 = 0xFFFF'F000u;
    quiet->hear(t0);
    chatty->hear(t0);
    std::vector<std::weak_ptr<asamblea::server::ws_closer>> sessions{quiet, chatty};
    {
        auto gone = std::make_shared<fake_connection>();
        sessions.push_back(gone);
    }
    auto at = [&](std::uint32_t ms) {
        chatty->hear(t0 + ms); // says something at every sweep
        return asamblea::server::sweep_idle(sessions, idle, t0 + ms);
    };
    CHECK(at(29'999).pinged == 0);
    CHECK(at(30'000).pinged == 1);
    CHECK(at(35'000).pinged == 0); // one ping per silence
    CHECK(quiet->pings == 1);
    quiet->hear(t0 + 36'000); // its pong
    CHECK(at(65'999).pinged == 0);
    CHECK(at(66'000).pinged == 1);
    CHECK(quiet->pings == 2);
    auto last = at(36'000 + 54'999);
    CHECK(last.dropped == 0);
    last = at(36'000 + 55'000);
    CHECK(last.dropped == 1);
    CHECK(quiet->drops == 1);
    CHECK(chatty->pings == 0);
    CHECK(chatty->drops == 0);
}

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

TEST_CASE("a silent client that answers the server's pings outlives the idle time-out") {
    asamblea::server::server_config config;
    config.ws.idle_timeout = std::chrono::seconds(3);
    running_server s(config);
    ws_client ws(s.port, clinic);
    ws.send({{"type", "hello"}});
    REQUIRE(ws.next_of("welcome"));
    // Nothing to say for over two idle time-outs: the client only reads, and Beast answers each
    // of the server's pings with a pong while the read is pending. Without the pings the server
    // would have closed it (slow_reader_test: one that answers nothing is closed).
    // (The room's snapshots may arrive meanwhile; none is of this type.)
    CHECK(!ws.next_of("none", std::chrono::seconds(7)));
    CHECK_MESSAGE(!ws.ended(), "closed while silent: " << ws.error_message());
    ws.send_text(R"({"type":"ping"})");
    CHECK(ws.next_of("pong"));
}

} // namespace ws_ping_test
