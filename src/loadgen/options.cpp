#include "loadgen/options.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace asamblea::loadgen {

std::optional<int> parse_options(int argc, char** argv, options& o) {
    CLI::App app{"asamblea_loadgen: the national-Saturday scenario over real WebSockets"};
    app.add_option("--target", o.targets, "PORT=SEEDFILE of one server (repeat for shards)");
    app.add_option("--server-pid", o.server_pids, "Server process to measure (repeatable)");
    app.add_option("--ws-port", o.ws_port,
                   "Port every WebSocket connects to (a proxy; REST stays on each target)");
    app.add_option("--proxy-pid", o.proxy_pid, "Proxy process to measure (CPU, memory)");
    app.add_option("--steady-seconds", o.steady_seconds, "Window of the steady phase")
        ->capture_default_str();
    app.add_option("--idle-seconds", o.idle_seconds,
                   "Idle phase before voting: all connected, nothing voted (-1: the steady "
                   "window; 0: none)")
        ->capture_default_str();
    app.add_option("--ping-seconds", o.ping_seconds,
                   "Devices ping after this long with nothing received, as the page (0: never)")
        ->capture_default_str();
    app.add_option("--perf-phase", o.perf_phases,
                   "Record the servers with perf during this phase (idle, steady, burst; repeat)");
    app.add_option("--perf-dir", o.perf_dir, "Folder for perf-PHASE.data and perf-PHASE.log");
    app.add_option("--perf-event", o.perf_event, "perf's event (cpu-clock where there is no PMU)")
        ->capture_default_str();
    app.add_option("--perf-frequency", o.perf_frequency, "perf's samples per second per core")
        ->capture_default_str();
    app.add_option("--change-percent", o.change_percent, "Voters who change their ballot once")
        ->capture_default_str();
    app.add_flag("!--no-burst", o.burst, "Skip the burst phase");
    app.add_option("--threads", o.threads, "io threads per worker process")->capture_default_str();
    app.add_option("--procs", o.procs, "Worker processes (0: as the descriptor limit needs)")
        ->capture_default_str();
    app.add_option("--source-addresses", o.source_addresses,
                   "Local addresses 127.0.0.2… to spread connections over")
        ->capture_default_str();
    app.add_option("--max-connecting", o.max_connecting, "Handshakes in flight per worker")
        ->capture_default_str();
    app.add_option("--rest-threads", o.rest_threads, "Parallel REST calls of the coordinator")
        ->capture_default_str();
    app.add_option("--work-dir", o.work_dir, "Folder for the workers' files")
        ->capture_default_str();
    app.add_option("--report", o.report, "Write the report (JSON) here");
    app.add_option("--timeline", o.timeline, "Write acks/s and latency per second here (gnuplot)");
    app.add_option("--label", o.label, "Name of this run in the report")->capture_default_str();
    app.add_option("--baseline-sqlite", o.baseline_sqlite, "Report of bench_sqlite_baseline");
    app.add_option("--baseline-echo", o.baseline_echo, "Report of an --echo-port run");
    app.add_option("--echo-port", o.echo_port, "Measure the echo server on this port instead");
    app.add_option("--echo-connections", o.echo_connections, "Sockets for the echo run")
        ->capture_default_str();
    app.add_option("--echo-rounds", o.echo_rounds, "Bursts in the echo run")->capture_default_str();
    app.add_option("--echo-steady-seconds", o.echo_steady_seconds,
                   "Window of the echo run's spread-out phase (0: none)")
        ->capture_default_str();
    app.add_option("--seed", o.seed, "Random seed")->capture_default_str();
    bool quiet = false;
    app.add_flag("--quiet", quiet, "No progress bar");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    o.progress = !quiet;
    if (!o.perf_phases.empty() && (o.perf_dir.empty() || o.server_pids.empty())) {
        std::cerr << "asamblea_loadgen: --perf-phase needs --perf-dir and --server-pid\n";
        return 2;
    }
    return std::nullopt;
}

} // namespace asamblea::loadgen
