#pragma once
/// The command line of asamblea_loadgen (scripts/bench and tests/loadgen call it), parsed by
/// CLI11 into one struct.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::loadgen {

struct options {
    std::vector<std::string> targets; // PORT=SEEDFILE
    std::vector<int> server_pids;
    // Through a proxy (scripts/bench --shards): every phone and projector connects here while
    // the staff's REST calls still go to each target's own port (0: the target's port).
    unsigned short ws_port = 0;
    int proxy_pid = 0; // measured like the servers, reported apart (0: no proxy)
    double steady_seconds = 60;
    // Every device connected and greeted, nothing voted, no round open: what holding a phone
    // costs. Below 0: as long as the steady window; 0: no idle phase.
    double idle_seconds = -1;
    // Phones and projectors ping like the page (web/js/live.js beat()): {"type":"ping"} once per
    // silence of this many seconds, the first look at a random moment. 0: never.
    double ping_seconds = 50;
    // `perf record -g` of the server processes during these phases, into perf_dir/perf-NAME.data.
    std::vector<std::string> perf_phases;
    std::string perf_dir;
    std::string perf_event = "cpu-clock";
    int perf_frequency = 499;
    int change_percent = 10;
    bool burst = true;
    unsigned threads = 2;
    unsigned procs = 0;
    unsigned source_addresses = 64;
    unsigned max_connecting = 256;
    unsigned rest_threads = 8;
    std::string work_dir = "/tmp";
    std::string report;
    std::string timeline;
    std::string label = "scenario";
    std::string baseline_sqlite;
    std::string baseline_echo;
    unsigned short echo_port = 0;
    long echo_connections = 1000;
    int echo_rounds = 3;
    double echo_steady_seconds = 10; // a spread-out phase first, for latency at the steady rate
    bool progress = true;
    std::uint64_t seed = 20260221;

    /// The proxy to measure, as read_procs wants it (none when 0).
    std::vector<int> proxy_pids() const {
        return proxy_pid != 0 ? std::vector<int>{proxy_pid} : std::vector<int>{};
    }

    /// The idle phase's window in seconds (0: none; never in the echo run).
    double idle_window() const {
        if (echo())
            return 0;
        return idle_seconds < 0 ? steady_seconds : idle_seconds;
    }

    /// Measures the bare echo server instead of the scenario.
    bool echo() const { return echo_port != 0; }
};

/// Parses the command line into `into`. Returns an exit code when the program ends here (after
/// --help or on a bad flag), as CLI11_PARSE would.
std::optional<int> parse_options(int argc, char** argv, options& into);

} // namespace asamblea::loadgen
