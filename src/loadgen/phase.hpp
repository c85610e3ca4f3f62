#pragma once
/// One phase of a run: opens its rounds, has every worker play it, gathers what they recorded
/// and, outside the echo run, closes the rounds and checks them against the server. An idle
/// phase has no rounds: the devices hold their sockets for its window.

#include "loadgen/clock.hpp"
#include "loadgen/options.hpp"
#include "loadgen/phase_settings.hpp"
#include "loadgen/proc_stats.hpp"
#include "loadgen/rest_pool.hpp"
#include "loadgen/round_check.hpp"
#include "loadgen/traffic.hpp"
#include "loadgen/worker_pool.hpp"

#include <map>
#include <string>
#include <vector>

namespace asamblea::loadgen {

struct phase_outcome {
    std::string name;
    bool idle = false;
    clock_type::time_point t0; // when the workers were told to start
    double seconds = 0;        // from the command to the last worker's done
    double open_seconds = 0;   // opening every round over REST
    double close_seconds = 0;  // closing, revealing and fetching every ballot list
    long sent = 0, acked = 0;
    long shed = 0; // ballots answered «busy» and sent again (each answer counts)
    std::map<std::string, long> errors;
    std::vector<double> ack_t, latency; // per acknowledged ballot: ms since t0, round trip ms
    std::vector<double> lag;            // ms from a first ballot's ack to the projector's count
    long never_shown = 0;
    proc_sample cpu_before, cpu_after;         // the servers
    proc_sample proxy_before, proxy_after;     // the proxy (options::proxy_pid), if any
    proc_sample loadgen_before, loadgen_after; // the worker processes
    // What the sockets carried in the phase, and before it (since the workers started: for the
    // first phase, what connecting carried).
    device_traffic phones, projectors;
    device_traffic phones_before, projectors_before;
    round_checks checks;

    long error_count() const;
};

phase_outcome run_phase(const options& o, worker_pool& workers, const rest_pool& rest,
                        const phase_settings& phase);

} // namespace asamblea::loadgen
