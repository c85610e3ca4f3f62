#include "loadgen/timeline.hpp"

#include "loadgen/decimal.hpp"
#include "loadgen/percentile.hpp"

#include <fstream>
#include <map>

namespace asamblea::loadgen {

void write_timeline(const std::string& path, const std::vector<phase_outcome>& phases, bool echo) {
    std::ofstream tl(path);
    tl << "# t_s acks_per_s ack_p50_ms ack_p99_ms phase bucket_s\n";
    // The voting phases only (bench/chart.gp plots blocks 0 and 1: steady and burst), timed from
    // the first of them; an idle phase has no ballot to plot.
    const phase_outcome* first = nullptr;
    int block = -1;
    for (const auto& p : phases) {
        if (p.idle)
            continue;
        if (!first)
            first = &p;
        ++block;
        double offset = std::chrono::duration<double>(p.t0 - first->t0).count();
        // seconds for the spread-out steady phase, tenths for a burst over in seconds
        double width = &p == first && !echo ? 1.0 : 0.1;
        std::map<long, std::vector<double>> buckets;
        for (std::size_t i = 0; i < p.ack_t.size(); ++i)
            buckets[static_cast<long>(p.ack_t[i] / 1000 / width)].push_back(p.latency[i]);
        for (auto& [b, lat] : buckets)
            tl << decimal(offset + (static_cast<double>(b) + 0.5) * width, 2) << " "
               << decimal(static_cast<double>(lat.size()) / width, 0) << " "
               << decimal(percentile(lat, 0.5), 2) << " " << decimal(percentile(lat, 0.99), 2)
               << " " << block << " " << width << "\n";
        tl << "\n\n";
    }
}

} // namespace asamblea::loadgen
