// The two costs apart (issue #19): the idle phase's command, what an idle phone costs, what a
// ballot costs above that, the traffic per device and per minute, and the options that set them.
#include "loadgen/cost_report.hpp"
#include "loadgen/options.hpp"
#include "loadgen/phase_settings.hpp"
#include "loadgen/traffic.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace idle_costs_test {

using namespace asamblea::loadgen;

std::optional<int> parse(std::vector<std::string> args, options& o) {
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    return parse_options(static_cast<int>(argv.size()), argv.data(), o);
}

TEST_CASE("an idle phase travels to the workers as such, with its window and no rounds") {
    phase_settings idle{"idle", false, 15000, 0, {}, true};
    auto line = phase_command(idle, {0, 1, 2});
    CHECK(line == "phase idle idle 15000 0 0,0,0");
    auto back = parse_phase_command(line);
    CHECK(back.name == "idle");
    CHECK(back.idle);
    CHECK_FALSE(back.spread);
    CHECK(back.window_ms == 15000);
    phase_settings steady{"steady", true, 30000, 100, {7, 8}};
    auto voting = parse_phase_command(phase_command(steady, {1}));
    CHECK_FALSE(voting.idle);
    CHECK(voting.spread);
    CHECK(voting.rounds == std::vector<std::int64_t>{8});
}

TEST_CASE("an idle phone's CPU per second and memory, per 1,000 held sockets") {
    idle_record r;
    r.seconds = 20;
    r.server_cpu_s = 3.0; // 0.15 cores for 6,000 sockets
    r.loadgen_cpu_s = 1.2;
    r.connections = 6000;
    r.rss_mib_before_connect = 40;
    r.rss_mib_at_end = 70; // 30 MiB for 6,000 sockets
    auto j = idle_cost_json(r);
    CHECK(j["cpu_cores"].get<double>() == doctest::Approx(0.15));
    CHECK(j["cpu_s_per_1000_phones_per_s"].get<double>() == doctest::Approx(0.025));
    CHECK(j["memory_kib_per_connection"].get<double>() == doctest::Approx(30.0 * 1024 / 6000));
    CHECK(j["loadgen_cpu_s_per_1000_phones_per_s"].get<double>() == doctest::Approx(0.01));
    CHECK(idle_cores(r) == doctest::Approx(0.15));

    idle_record none;
    CHECK(idle_cores(none) < 0);
    auto n = idle_cost_json(none);
    CHECK(n["cpu_cores"].is_null());
    CHECK(n["cpu_s_per_1000_phones_per_s"].is_null());
    CHECK(n["memory_kib_per_connection"].is_null());
}

TEST_CASE("a ballot's CPU raw and above what the same sockets cost idle over the phase") {
    // 30 s of steady voting, 9 CPU-seconds, 6,000 ballots; idle the sockets cost 0.1 cores.
    auto j = ballot_cost_json(9.0, 30, 6000, 0.1);
    CHECK(j["cpu_s_per_1000_ballots"].get<double>() == doctest::Approx(1.5));
    CHECK(j["idle_cpu_s_taken_off"].get<double>() == doctest::Approx(3.0));
    CHECK(j["cpu_s_per_1000_ballots_above_idle"].get<double>() == doctest::Approx(1.0));
    // No idle phase: the raw figure alone.
    auto raw = ballot_cost_json(9.0, 30, 6000, -1);
    CHECK(raw["cpu_s_per_1000_ballots"].get<double>() == doctest::Approx(1.5));
    CHECK(raw["idle_cpu_s_taken_off"].is_null());
    CHECK(raw["cpu_s_per_1000_ballots_above_idle"].is_null());
    // No ballot: nothing per ballot, but what was taken off is still said.
    auto empty = ballot_cost_json(2.0, 10, 0, 0.1);
    CHECK(empty["cpu_s_per_1000_ballots"].is_null());
    CHECK(empty["cpu_s_per_1000_ballots_above_idle"].is_null());
    CHECK(empty["idle_cpu_s_taken_off"].get<double>() == doctest::Approx(1.0));
}

TEST_CASE("traffic per device and per device-minute, summed over workers") {
    traffic_counter c;
    c.greeted();
    c.greeted();
    c.received(300);
    c.received(100);
    c.sent(15, true);
    c.sent(120, false);
    c.control_received();
    c.lost();
    auto now = c.read();
    CHECK(c.held() == 1);
    CHECK(now.rx_bytes == 400);
    CHECK(now.rx_msgs == 2);
    CHECK(now.tx_bytes == 135);
    CHECK(now.tx_msgs == 2);
    CHECK(now.pings == 1);
    CHECK(now.rx_control == 1);
    auto back = traffic_count_from(traffic_count_json(now));
    CHECK(back.rx_bytes == 400);
    CHECK(back.pings == 1);
    CHECK(back.rx_control == 1);
    CHECK((now - traffic_count{100, 1, 15, 1, 1, 0}).rx_bytes == 300);

    // Two workers: 100 phones for 30 s and 50 phones for 60 s = 100 phone-minutes.
    device_traffic t;
    t.count += traffic_count{60000, 400, 2000, 100, 100, 50};
    t.held = 150;
    t.device_seconds = 100 * 30 + 50 * 60;
    auto j = device_traffic_json(t);
    CHECK(j["rx_bytes"].get<long>() == 60000);
    CHECK(j["per_device_per_min"]["rx_bytes"].get<double>() == doctest::Approx(600));
    CHECK(j["per_device_per_min"]["rx_msgs"].get<double>() == doctest::Approx(4));
    CHECK(j["per_device_per_min"]["pings"].get<double>() == doctest::Approx(1));
    CHECK(j["per_device_per_min"]["rx_control"].get<double>() == doctest::Approx(0.5));
    CHECK(j["per_device"]["rx_bytes"].get<double>() == doctest::Approx(400));

    auto none = device_traffic_json(device_traffic{});
    CHECK(none["per_device"]["rx_bytes"].is_null());
    CHECK(none["per_device_per_min"]["tx_msgs"].is_null());
}

TEST_CASE("--idle-seconds defaults to the steady window, 0 turns it off, the echo run has none") {
    options o;
    REQUIRE_FALSE(parse({"asamblea_loadgen", "--steady-seconds", "12"}, o));
    CHECK(o.idle_window() == doctest::Approx(12));
    CHECK(o.ping_seconds == doctest::Approx(50));

    options off;
    REQUIRE_FALSE(parse({"asamblea_loadgen", "--idle-seconds", "0", "--ping-seconds", "0"}, off));
    CHECK(off.idle_window() == 0);
    CHECK(off.ping_seconds == 0);

    options echo;
    REQUIRE_FALSE(parse({"asamblea_loadgen", "--echo-port", "9000", "--idle-seconds", "5"}, echo));
    CHECK(echo.idle_window() == 0);
}

TEST_CASE("--perf-phase needs a folder and the servers to record") {
    options o;
    auto code = parse({"asamblea_loadgen", "--perf-phase", "steady"}, o);
    REQUIRE(code);
    CHECK(*code == 2);
    options ok;
    REQUIRE_FALSE(parse({"asamblea_loadgen", "--perf-phase", "steady", "--perf-phase", "idle",
                         "--perf-dir", "/tmp/x", "--server-pid", "1"},
                        ok));
    CHECK(ok.perf_phases == std::vector<std::string>{"steady", "idle"});
    CHECK(ok.perf_event == "cpu-clock");
}

TEST_CASE("issue 19's cost targets: half a core in the steady phase, 4 KiB per idle phone") {
    using nlohmann::json;
    json server = {{"idle", {{"memory_kib_per_connection", 3.96}}}};
    json targets = json::object();
    add_cost_targets(targets, {{"seconds", 60.0}, {"server_cpu_s", 29.9}}, server);
    CHECK(targets["steady_cpu_le_half_core"].get<bool>());
    CHECK(targets["idle_memory_le_4_kib_per_phone"].get<bool>());

    server["idle"]["memory_kib_per_connection"] = 4.05;
    add_cost_targets(targets, {{"seconds", 60.0}, {"server_cpu_s", 30.1}}, server);
    CHECK_FALSE(targets["steady_cpu_le_half_core"].get<bool>());
    CHECK_FALSE(targets["idle_memory_le_4_kib_per_phone"].get<bool>());

    // A figure the report lacks fails; without an idle window there is no memory target.
    json bare = json::object();
    add_cost_targets(bare, {{"seconds", 60.0}}, {{"idle", nullptr}});
    CHECK_FALSE(bare["steady_cpu_le_half_core"].get<bool>());
    CHECK_FALSE(bare.contains("idle_memory_le_4_kib_per_phone"));
}

} // namespace idle_costs_test
