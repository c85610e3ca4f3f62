#include "loadgen/phase.hpp"

#include "loadgen/decimal.hpp"
#include "loadgen/perf_recorder.hpp"
#include "loadgen/progress_bar.hpp"
#include "loadgen/rounds.hpp"
#include "loadgen/worker.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

namespace asamblea::loadgen {

using nlohmann::json;

namespace {

// Waits until every worker has finished the phase (or died), drawing the ballots acknowledged.
void wait_done(worker_pool& workers, const phase_settings& phase, bool progress,
               clock_type::time_point t0) {
    long voters = workers.voters();
    long expected = voters + voters * phase.change_permille / 1000;
    progress_bar bar(progress, phase.name);
    for (;;) {
        workers.pump(100);
        bool all = workers.all_done(phase.name);
        std::string errors = std::to_string(workers.errors()) + " errores";
        if (phase.idle) // the window's seconds, not ballots
            bar.draw(static_cast<long>(seconds_since(t0)),
                     static_cast<long>(phase.window_ms / 1000), "s, " + errors);
        else
            bar.draw(workers.acked(), expected, decimal(seconds_since(t0), 0) + " s, " + errors);
        if (all)
            break;
    }
    bar.finish();
}

// Adds one worker's traffic (worker::traffic_report) to the phase's.
void add_worker_traffic(const json& t, phase_outcome& out) {
    if (!t.is_object())
        return;
    double seconds = t.value("seconds", 0.0);
    auto add = [&](device_traffic& into, device_traffic& before, const char* kind) {
        long held = t.value(std::string(kind) + "_held", 0L);
        into.count += traffic_count_from(t[kind]);
        into.held += held;
        into.device_seconds += static_cast<double>(held) * seconds;
        before.count += traffic_count_from(t[std::string(kind) + "_at_start"]);
        before.held += held;
    };
    add(out.phones, out.phones_before, "phones");
    add(out.projectors, out.projectors_before, "projectors");
}

// Adds up what the workers recorded; returns the [receipt, choices] of each assembly's voters.
std::vector<json> gather(const options& o, const worker_pool& workers, const rest_pool& rest,
                         phase_outcome& out) {
    std::vector<json> finals(rest.seed().assemblies.size());
    for (std::size_t k = 0; k < workers.size(); ++k) {
        std::ifstream in(worker_report_path(o.work_dir, static_cast<int>(k), out.name));
        if (!in) {
            ++out.errors["worker_report_missing"];
            continue;
        }
        auto r = json::parse(in);
        out.sent += r["ballots_sent"].get<long>();
        out.acked += r["acked"].get<long>();
        out.shed += r.value("shed", 0L);
        for (auto& [code, n] : r["errors"].items())
            out.errors[code] += n.get<long>();
        const auto& acks = r["acks"];
        for (std::size_t i = 0; i + 1 < acks.size(); i += 2) {
            out.ack_t.push_back(acks[i].get<double>());
            out.latency.push_back(acks[i + 1].get<double>());
        }
        for (const auto& l : r["lag_ms"])
            out.lag.push_back(l.get<double>());
        out.never_shown += r["never_shown"].get<long>();
        add_worker_traffic(r["traffic"], out);
        const auto& slice = workers.slice(k);
        for (std::size_t j = 0; j < slice.size() && j < r["assemblies"].size(); ++j)
            finals[slice[j]] = r["assemblies"][j]["final"];
    }
    return finals;
}

} // namespace

long phase_outcome::error_count() const {
    long n = 0;
    for (const auto& [k, v] : errors)
        n += v;
    return n;
}

phase_outcome run_phase(const options& o, worker_pool& workers, const rest_pool& rest,
                        const phase_settings& phase) {
    phase_outcome out;
    out.name = phase.name;
    out.idle = phase.idle;
    auto t_open = clock_type::now();
    if (!o.echo() && !phase.idle)
        open_rounds(rest, phase.rounds);
    out.open_seconds = seconds_since(t_open);
    perf_recorder perf(o, phase.name);
    out.cpu_before = read_procs(o.server_pids);
    out.proxy_before = read_procs(o.proxy_pids());
    out.loadgen_before = read_procs(workers.pids());
    out.t0 = clock_type::now();
    workers.begin_phase(phase);
    wait_done(workers, phase, o.progress, out.t0);
    out.seconds = seconds_since(out.t0);
    out.cpu_after = read_procs(o.server_pids);
    out.proxy_after = read_procs(o.proxy_pids());
    out.loadgen_after = read_procs(workers.pids());
    perf.stop();
    auto finals = gather(o, workers, rest, out);
    if (phase.idle) {
        // One line per phase, as below: what an idle device costs is in the report.
        std::cerr << "asamblea_loadgen: " << o.label << " " << out.name << ": " << out.phones.held
                  << " phones and " << out.projectors.held << " projectors held for "
                  << decimal(out.seconds, 1) << " s, server CPU "
                  << decimal(out.cpu_after.cpu_s - out.cpu_before.cpu_s, 2) << " s, "
                  << out.phones.count.pings << " pings, " << out.error_count() << " errors\n";
        return out;
    }
    if (!o.echo()) {
        auto t_close = clock_type::now();
        out.checks = close_and_check(rest, phase.rounds, finals);
        out.close_seconds = seconds_since(t_close);
    }
    // One line per phase whether or not a progress bar was drawn: the log of a run.
    const char* checked = o.echo() ? "" : out.checks.ok() ? ", checks ok" : ", CHECKS FAILED";
    std::cerr << "asamblea_loadgen: " << o.label << " " << out.name << ": " << out.acked << " / "
              << out.sent << " acknowledged in " << out.seconds << " s, " << out.error_count()
              << " errors, " << out.shed << " busy" << checked << "\n";
    return out;
}

} // namespace asamblea::loadgen
