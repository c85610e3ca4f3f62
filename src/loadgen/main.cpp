// asamblea_loadgen: the national-Saturday scenario against real servers, over real WebSockets.
// The parent process is the coordinator (REST: rounds, live results, close, reveal, checks); it
// forks worker processes that hold the sockets (each process has its own descriptor limit).

#include "loadgen/options.hpp"
#include "loadgen/phase.hpp"
#include "loadgen/proc_stats.hpp"
#include "loadgen/report.hpp"
#include "loadgen/rest_pool.hpp"
#include "loadgen/rounds.hpp"
#include "loadgen/run_seed.hpp"
#include "loadgen/timeline.hpp"
#include "loadgen/worker_pool.hpp"

#include <fstream>
#include <iostream>
#include <thread>

using namespace asamblea::loadgen;

namespace {

// The echo run: a spread-out phase, then bursts. The scenario: an idle window, then every voter
// within the steady window (some change their minds), then a burst in a second round, all at
// once.
std::vector<phase_outcome> play(const options& o, worker_pool& workers, const rest_pool& rest,
                                std::vector<std::int64_t> round1) {
    std::vector<phase_outcome> phases;
    if (o.echo()) {
        if (o.echo_steady_seconds > 0)
            phases.push_back(run_phase(o, workers, rest,
                                       {"echo-steady", true, o.echo_steady_seconds * 1000, 0, {}}));
        for (int r = 1; r <= o.echo_rounds; ++r)
            phases.push_back(
                run_phase(o, workers, rest, {"echo" + std::to_string(r), false, 0, 0, {}}));
        return phases;
    }
    // Every device connected and greeted, no round open: what holding the phones costs alone.
    if (double idle = o.idle_window(); idle > 0)
        phases.push_back(run_phase(o, workers, rest, {"idle", false, idle * 1000, 0, {}, true}));
    phases.push_back(run_phase(
        o, workers, rest,
        {"steady", true, o.steady_seconds * 1000, o.change_percent * 10, std::move(round1)}));
    if (o.burst) {
        auto round2 = create_rounds(rest, "Presupuesto (carga, ronda 2)");
        phases.push_back(run_phase(o, workers, rest, {"burst", false, 0, 0, std::move(round2)}));
    }
    return phases;
}

int run(const options& o) {
    run_record run;
    run.fd_limit = raise_fd_limit();
    auto seed = load_run_seed(o);
    rest_pool rest(seed, o.rest_threads);
    std::vector<std::int64_t> round1;
    if (!o.echo()) {
        rest.login();
        round1 = create_rounds(rest, "Presupuesto (carga, ronda 1)");
    }
    auto slices = split_assemblies(seed, o.echo(), run.fd_limit, o.procs);
    run.worker_processes = static_cast<unsigned>(slices.size());
    run.before_connect = read_procs(o.server_pids);
    run.proxy_before_connect = read_procs(o.proxy_pids());
    run.load_before = load_average_1m();
    worker_pool workers(o, seed, std::move(slices));
    run.connections = workers.wait_connected(o.progress);
    std::cerr << "asamblea_loadgen: " << o.label << " connect: " << run.connections.held << " / "
              << run.connections.target << " held in " << run.connections.seconds << " s, "
              << run.connections.failed << " failed\n";
    // Let the server settle its buffers before measuring memory per connection.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    run.after_connect = read_procs(o.server_pids);
    run.proxy_after_connect = read_procs(o.proxy_pids());
    run.phases = play(o, workers, rest, std::move(round1));
    // Sockets still held at the end: workers count losses as errors.
    run.at_end = read_procs(o.server_pids);
    run.proxy_at_end = read_procs(o.proxy_pids());
    workers.quit();
    run.loadgen_cpu = children_cpu_seconds();
    run.load_after = load_average_1m();

    auto report = make_report(o, seed, run);
    if (!o.timeline.empty())
        write_timeline(o.timeline, run.phases, o.echo());
    if (!o.report.empty())
        std::ofstream(o.report) << report.dump(2) << "\n";
    else
        std::cout << report.dump(2) << "\n";
    bool ok = report["errors"].get<long>() == 0 && report["verified"].get<bool>() &&
              run.connections.held == run.connections.target;
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    options o;
    if (auto exit_code = parse_options(argc, argv, o))
        return *exit_code;
    try {
        return run(o);
    } catch (const std::exception& e) {
        std::cerr << "\nasamblea_loadgen: " << e.what() << "\n";
        return 2;
    }
}
