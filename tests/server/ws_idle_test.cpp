// Silence on a WebSocket (issue 19): one sweep per process replaces Beast's per-connection idle
// timer. A client that says nothing but answers the server's pings stays; one that answers
// nothing is closed after the idle time-out (slow_reader_test has that one); the rule itself is
// pure (idle_rule).
#include "http_client.hpp"
#include "raw_http.hpp"
#include "test_server_fixture.hpp"
#include "ws_client.hpp"

#include "server/ws/idle_rule.hpp"
#include "server/ws/idle_sweep.hpp"

#include <doctest/doctest.h>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace ws_idle_test {

using namespace std::chrono_literals;
using asamblea::server::judge_silence;
using asamblea::server::silence_verdict;

long long metric(unsigned short port, const std::string& sample) {
    http_client c(port);
    return metric_value(c.request("GET", "/metrics", "", {}).body, sample);
}

TEST_CASE("the silence rule: keep, then one ping at three quarters of the time-out, then close") {
    const auto idle = std::chrono::steady_clock::duration(120s);
    CHECK(judge_silence(0s, idle, false) == silence_verdict::keep);
    CHECK(judge_silence(89s, idle, false) == silence_verdict::keep);
    CHECK(judge_silence(90s, idle, false) == silence_verdict::ping);
    CHECK(judge_silence(90s, idle, true) == silence_verdict::keep); // pinged already
    CHECK(judge_silence(119s, idle, true) == silence_verdict::keep);
    CHECK(judge_silence(120s, idle, true) == silence_verdict::close);
    CHECK(judge_silence(500s, idle, false) == silence_verdict::close);
}

TEST_CASE("the sweep's period is a twelfth of the time-out, within 50 ms and 10 s") {
    using asamblea::server::idle_sweep;
    CHECK(idle_sweep::period_for(120s) == 10s);
    CHECK(idle_sweep::period_for(60s) == 5s);
    CHECK(idle_sweep::period_for(2s) == std::chrono::milliseconds(166));
    CHECK(idle_sweep::period_for(100ms) == 50ms);
    CHECK(idle_sweep::period_for(3600s) == 10s);
}

TEST_CASE("a WebSocket that says nothing but answers pings outlives the idle time-out") {
    asamblea::server::server_config config;
    config.ws.idle_timeout = std::chrono::seconds(2);
    running_server s(config);
    // Beast's client answers each ping with a pong while it reads, as a browser does.
    ws_client quiet(s.port, "CSIMB000001");
    quiet.send({{"type", "hello"}});
    REQUIRE(quiet.next_of("snapshot"));
    // Nothing from this side for twice the time-out: the server's pings at about 1.5 s keep the
    // socket heard from. Without them it would be closed at 2 s.
    auto msg = quiet.next(std::chrono::seconds(4));
    CHECK_FALSE(quiet.ended());
    CHECK(metric(s.port, "asamblea_websocket_idle_closed_total") == 0);
    CHECK(metric(s.port, "asamblea_websocket_sessions") == 1);
    // Still usable.
    quiet.send_text(R"({"type":"ping"})");
    CHECK(quiet.next_of("pong"));
    (void)msg;
}

} // namespace ws_idle_test
