#include "loadgen/report.hpp"

#include "loadgen/cost_report.hpp"
#include "loadgen/percentile.hpp"
#include "loadgen/proxy_report.hpp"

#include <algorithm>
#include <fstream>
#include <thread>

namespace asamblea::loadgen {

using nlohmann::json;

namespace {

json summary(const std::vector<double>& v) {
    if (v.empty())
        return {{"n", 0}, {"p50", nullptr}, {"p99", nullptr}, {"max", nullptr}};
    return {{"n", v.size()},
            {"p50", percentile(v, 0.50)},
            {"p99", percentile(v, 0.99)},
            {"max", *std::max_element(v.begin(), v.end())}};
}

// What the phones' and the projectors' sockets carried in a phase, per device and per minute.
json traffic_json(const device_traffic& phones, const device_traffic& projectors) {
    return {{"phones", device_traffic_json(phones)},
            {"projectors", device_traffic_json(projectors)}};
}

// The idle phase: no ballot, no round; the sockets held, their traffic and their CPU.
json idle_phase_json(const phase_outcome& p) {
    return {{"seconds", p.seconds},
            {"phones_held", p.phones.held},
            {"projectors_held", p.projectors.held},
            {"errors", p.error_count()},
            {"error_codes", p.errors},
            {"server_cpu_s", p.cpu_after.cpu_s - p.cpu_before.cpu_s},
            {"loadgen_cpu_s", p.loadgen_after.cpu_s - p.loadgen_before.cpu_s},
            {"traffic", traffic_json(p.phones, p.projectors)}};
}

json phase_json(const phase_outcome& p, bool echo, double idle) {
    if (p.idle)
        return idle_phase_json(p);
    double last = p.ack_t.empty() ? 0 : *std::max_element(p.ack_t.begin(), p.ack_t.end()) / 1000;
    json j = {{"seconds", p.seconds},
              {"open_rounds_seconds", p.open_seconds},
              {"ballots_sent", p.sent},
              {"acknowledged", p.acked},
              {"shed", p.shed},
              {"errors", p.error_count()},
              {"error_codes", p.errors},
              {"ack_ms", summary(p.latency)},
              {"last_ack_s", last},
              {"acks_per_s", last > 0 ? static_cast<double>(p.acked) / last : 0.0},
              {"server_cpu_s", p.cpu_after.cpu_s - p.cpu_before.cpu_s},
              {"loadgen_cpu_s", p.loadgen_after.cpu_s - p.loadgen_before.cpu_s}};
    if (!echo) {
        j.update(
            ballot_cost_json(p.cpu_after.cpu_s - p.cpu_before.cpu_s, p.seconds, p.acked, idle));
        j["traffic"] = traffic_json(p.phones, p.projectors);
        const auto& c = p.checks;
        j["projector_lag_ms"] = summary(p.lag);
        j["projector_never_showed"] = p.never_shown;
        j["close_rounds_seconds"] = p.close_seconds;
        j["verify"] = {{"rounds_checked", c.rounds_checked},
                       {"counted_in_db", c.counted},
                       {"expected_counted", c.expected_counted},
                       {"missing_receipts", c.missing_receipts},
                       {"unexpected_receipts", c.extra_receipts},
                       {"duplicate_receipts", c.duplicate_receipts},
                       {"choice_mismatches", c.choice_mismatches},
                       {"tally_mismatches", c.tally_mismatches},
                       {"ok", c.ok()}};
    }
    return j;
}

json read_json_file(const std::string& path) {
    if (path.empty())
        return nullptr;
    std::ifstream in(path);
    if (!in)
        return nullptr;
    return json::parse(in, nullptr, false);
}

// Bursts give the message rate and their round trip; the spread-out phase the round trip at a
// steady rate, to hold the steady acknowledgements against.
json echo_json(const options& o, const run_record& run, const json& phase_reports) {
    std::vector<double> rtt, steady_rtt;
    double best = 0;
    for (const auto& p : run.phases) {
        if (p.name == "echo-steady") {
            steady_rtt = p.latency;
            continue;
        }
        rtt.insert(rtt.end(), p.latency.begin(), p.latency.end());
        best = std::max(best, phase_reports[p.name]["acks_per_s"].get<double>());
    }
    return {{"connections", run.connections.held},
            {"msgs_per_s", best},
            {"rtt_ms", summary(rtt)},
            {"steady_window_s", o.echo_steady_seconds},
            {"steady_rtt_ms", summary(steady_rtt)}};
}

json server_json(const options& o, const run_record& run, long all_acked, const json& idle) {
    double cpu_ballots = 0;
    for (const auto& p : run.phases)
        if (!p.idle) // the voting phases
            cpu_ballots += p.cpu_after.cpu_s - p.cpu_before.cpu_s;
    long held = run.connections.held;
    return {{"processes", o.server_pids.size()},
            {"rss_mib_before_connect", run.before_connect.rss_mib},
            {"rss_mib_after_connect", run.after_connect.rss_mib},
            {"rss_mib_at_end", run.at_end.rss_mib},
            {"peak_rss_mib", run.at_end.peak_mib},
            {"memory_kib_per_connection",
             held > 0 ? (run.after_connect.rss_mib - run.before_connect.rss_mib) * 1024 /
                            static_cast<double>(held)
                      : 0.0},
            {"cpu_s_connect", run.after_connect.cpu_s - run.before_connect.cpu_s},
            {"cpu_s_per_1000_connections",
             held > 0 ? (run.after_connect.cpu_s - run.before_connect.cpu_s) * 1000 /
                            static_cast<double>(held)
                      : 0.0},
            {"cpu_s_voting", cpu_ballots},
            {"cpu_s_per_1000_ballots",
             all_acked > 0 ? cpu_ballots * 1000 / static_cast<double>(all_acked) : 0.0},
            {"idle", idle}};
}

// The idle phase's costs, if the run had one.
idle_record idle_of(const run_record& run) {
    idle_record r;
    r.rss_mib_before_connect = run.before_connect.rss_mib;
    for (const auto& p : run.phases) {
        if (!p.idle)
            continue;
        r.seconds = p.seconds;
        r.server_cpu_s = p.cpu_after.cpu_s - p.cpu_before.cpu_s;
        r.loadgen_cpu_s = p.loadgen_after.cpu_s - p.loadgen_before.cpu_s;
        r.connections = p.phones.held + p.projectors.held;
        r.rss_mib_at_end = p.cpu_after.rss_mib;
    }
    return r;
}

// The baselines of scripts/bench (raw SQLite inserts, the bare echo server) and this run's
// rates against them, then the targets the scenario must meet.
void add_verdicts(json& report, const options& o, const run_record& run, json& phase_reports,
                  long all_errors, bool verified) {
    auto sq = read_json_file(o.baseline_sqlite);
    auto ec = read_json_file(o.baseline_echo);
    json base = json::object();
    json ratios = json::object();
    const auto& steady = phase_reports["steady"];
    double burst_rate =
        phase_reports.contains("burst") ? phase_reports["burst"]["acks_per_s"].get<double>() : 0.0;
    if (sq.is_object()) {
        base["sqlite"] = sq;
        double rows = sq.value("rows_per_s", 0.0);
        if (rows > 0)
            ratios["burst_vs_sqlite"] = burst_rate / rows;
    }
    if (ec.is_object() && ec.contains("echo")) {
        base["echo"] = ec["echo"];
        double msgs = ec["echo"].value("msgs_per_s", 0.0);
        if (msgs > 0)
            ratios["burst_vs_echo"] = burst_rate / msgs;
        // steady acknowledgements against the echo's spread-out round trips
        auto& rtt =
            ec["echo"].contains("steady_rtt_ms") && ec["echo"]["steady_rtt_ms"]["p50"].is_number()
                ? ec["echo"]["steady_rtt_ms"]
                : ec["echo"]["rtt_ms"];
        if (rtt["p50"].is_number() && steady["ack_ms"]["p50"].is_number() &&
            rtt["p50"].get<double>() > 0)
            ratios["steady_ack_p50_vs_echo_rtt_p50"] =
                steady["ack_ms"]["p50"].get<double>() / rtt["p50"].get<double>();
        if (rtt["p99"].is_number() && steady["ack_ms"]["p99"].is_number() &&
            rtt["p99"].get<double>() > 0)
            ratios["steady_ack_p99_vs_echo_rtt_p99"] =
                steady["ack_ms"]["p99"].get<double>() / rtt["p99"].get<double>();
    }
    report["baselines"] = base;
    report["ratios"] = ratios;
    auto num = [](const json& j) { return j.is_number() ? j.get<double>() : 1e18; };
    double sqlite_rows = sq.is_object() ? sq.value("rows_per_s", 0.0) : 0.0;
    const auto& c = run.connections;
    report["targets"] = {
        {"all_sockets_held", c.held == c.target && c.failed == 0},
        {"zero_errors", all_errors == 0},
        {"no_lost_or_double_counted", verified},
        {"steady_ack_p99_le_100ms", num(steady["ack_ms"]["p99"]) <= 100},
        {"burst_ge_20000_per_s", burst_rate >= 20000},
        {"burst_ge_half_sqlite", sqlite_rows > 0 && burst_rate >= sqlite_rows / 2},
        // In both phases: a burst must not leave the projectors behind either.
        {"projector_lag_p99_le_500ms",
         num(steady["projector_lag_ms"]["p99"]) <= 500 &&
             (!report["phases"].contains("burst") ||
              num(report["phases"]["burst"]["projector_lag_ms"]["p99"]) <= 500)},
        {"peak_rss_le_2_5_gib",
         report.contains("server") && report["server"]["peak_rss_mib"].get<double>() <= 2560}};
    if (report.contains("server"))
        add_cost_targets(report["targets"], steady, report["server"]);
}

} // namespace

json make_report(const options& o, const seed_data& seed, const run_record& run) {
    bool echo = o.echo();
    long total_voters = 0;
    for (const auto& a : seed.assemblies)
        total_voters += static_cast<long>(a.codes.size());
    json report;
    report["label"] = o.label;
    report["mode"] = echo ? "echo" : "scenario";
    report["scenario"] = {{"assemblies", seed.assemblies.size()},
                          {"voters", total_voters},
                          {"projectors", echo ? 0 : seed.assemblies.size()},
                          {"servers", seed.targets.size()},
                          {"steady_seconds", o.steady_seconds},
                          {"change_percent", o.change_percent},
                          {"worker_processes", run.worker_processes},
                          {"threads_per_worker", o.threads},
                          {"fd_limit_per_process", static_cast<long>(run.fd_limit)}};
    report["machine"] = {{"cores", std::thread::hardware_concurrency()},
                         {"loadavg_1m_before", run.load_before},
                         {"loadavg_1m_after", run.load_after},
                         {"loadgen_cpu_s", run.loadgen_cpu}};
    report["connections"] = {{"target", run.connections.target},
                             {"held", run.connections.held},
                             {"failed", run.connections.failed},
                             {"connect_seconds", run.connections.seconds}};
    // What connecting carried (hello, welcome, the first snapshot): before the first phase.
    if (!echo && !run.phases.empty())
        report["connections"]["traffic"] =
            traffic_json(run.phases.front().phones_before, run.phases.front().projectors_before);
    auto idle = idle_of(run);
    long all_errors = run.connections.failed;
    long all_acked = 0;
    bool verified = true;
    json phase_reports = json::object();
    for (const auto& p : run.phases) {
        phase_reports[p.name] = phase_json(p, echo, idle_cores(idle));
        all_errors += p.error_count();
        all_acked += p.acked;
        if (!echo && !p.idle)
            verified = verified && phase_reports[p.name]["verify"]["ok"].get<bool>();
    }
    report["phases"] = phase_reports;
    if (echo)
        report["echo"] = echo_json(o, run, phase_reports);
    if (!o.server_pids.empty())
        report["server"] =
            server_json(o, run, all_acked, idle.seconds > 0 ? idle_cost_json(idle) : json(nullptr));
    if (o.proxy_pid != 0) {
        proxy_record pr{run.proxy_before_connect,
                        run.proxy_after_connect,
                        run.proxy_at_end,
                        run.connections.held,
                        {}};
        for (const auto& p : run.phases)
            pr.phases.push_back({p.name, p.acked, p.proxy_before, p.proxy_after});
        report["proxy"] = proxy_json(pr);
    }
    report["errors"] = all_errors;
    report["verified"] = echo ? true : verified;
    if (!echo)
        add_verdicts(report, o, run, phase_reports, all_errors, verified);
    return report;
}

} // namespace asamblea::loadgen
