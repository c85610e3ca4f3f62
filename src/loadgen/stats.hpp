#pragma once
/// Percentiles and the server's own figures from /proc.

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace asamblea::loadgen {

/// The q-quantile (0…1) by nearest rank; 0 for an empty sample.
inline double percentile(std::vector<double> v, double q) {
    if (v.empty())
        return 0;
    std::size_t k = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

struct proc_sample {
    double rss_mib = 0;  // VmRSS
    double peak_mib = 0; // VmHWM
    double cpu_s = 0;    // utime + stime
    bool ok = false;
};

inline proc_sample read_proc(int pid) {
    proc_sample s;
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);) {
        std::istringstream words(line);
        std::string key;
        double kib = 0;
        words >> key >> kib;
        if (key == "VmRSS:")
            s.rss_mib = kib / 1024;
        else if (key == "VmHWM:")
            s.peak_mib = kib / 1024;
    }
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')'); // the command name may hold spaces
    if (close == std::string::npos)
        return s;
    std::istringstream rest(text.substr(close + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14)
            utime = std::stod(field);
        if (i == 15)
            stime = std::stod(field);
    }
    s.cpu_s = (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
    s.ok = true;
    return s;
}

inline proc_sample read_procs(const std::vector<int>& pids) {
    proc_sample sum;
    sum.ok = !pids.empty();
    for (int pid : pids) {
        auto s = read_proc(pid);
        sum.rss_mib += s.rss_mib;
        sum.peak_mib += s.peak_mib;
        sum.cpu_s += s.cpu_s;
        sum.ok = sum.ok && s.ok;
    }
    return sum;
}

} // namespace asamblea::loadgen
