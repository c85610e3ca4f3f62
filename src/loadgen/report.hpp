#pragma once
/// The report of a run (JSON, read by scripts/bench): the scenario, the machine, the sockets,
/// every phase with its checks, the servers' (and a proxy's) memory and CPU and, outside the echo
/// run, the baselines and the targets.

#include "loadgen/options.hpp"
#include "loadgen/phase.hpp"
#include "loadgen/proc_stats.hpp"
#include "loadgen/seed_file.hpp"
#include "loadgen/worker_pool.hpp"

#include <sys/resource.h>

#include <nlohmann/json.hpp>

#include <vector>

namespace asamblea::loadgen {

/// What a run measured, for its report.
struct run_record {
    rlim_t fd_limit = 0;
    unsigned worker_processes = 0;
    double load_before = 0, load_after = 0; // the machine's load average over a minute
    double loadgen_cpu = 0;                 // the workers' CPU seconds
    connect_outcome connections;
    proc_sample before_connect, after_connect, at_end;                   // the servers
    proc_sample proxy_before_connect, proxy_after_connect, proxy_at_end; // --proxy-pid
    std::vector<phase_outcome> phases;
};

nlohmann::json make_report(const options& o, const seed_data& seed, const run_record& run);

} // namespace asamblea::loadgen
