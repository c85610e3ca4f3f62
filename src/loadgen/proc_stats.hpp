#pragma once
/// What the kernel says about the servers (memory and CPU from /proc), the workers (their CPU)
/// and the machine (its load).

#include <vector>

namespace asamblea::loadgen {

struct proc_sample {
    double rss_mib = 0;  // VmRSS
    double peak_mib = 0; // VmHWM
    double cpu_s = 0;    // utime + stime
    bool ok = false;
};

/// The sum over the given processes; not ok when there are none or one could not be read.
proc_sample read_procs(const std::vector<int>& pids);

/// CPU seconds of this process's children that have been waited for (the workers).
double children_cpu_seconds();

/// The machine's load average over the last minute.
double load_average_1m();

} // namespace asamblea::loadgen
