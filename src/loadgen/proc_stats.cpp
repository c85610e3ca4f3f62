#include "loadgen/proc_stats.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

namespace asamblea::loadgen {
namespace {

proc_sample read_proc(int pid) {
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

} // namespace

proc_sample read_procs(const std::vector<int>& pids) {
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

double children_cpu_seconds() {
    rusage children{};
    getrusage(RUSAGE_CHILDREN, &children);
    return static_cast<double>(children.ru_utime.tv_sec + children.ru_stime.tv_sec) +
           static_cast<double>(children.ru_utime.tv_usec + children.ru_stime.tv_usec) / 1e6;
}

double load_average_1m() {
    double load = 0;
    getloadavg(&load, 1);
    return load;
}

} // namespace asamblea::loadgen
