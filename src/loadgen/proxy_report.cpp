#include "loadgen/proxy_report.hpp"

namespace asamblea::loadgen {

using nlohmann::json;

namespace {

// CPU seconds per 1,000 of something; null when nothing was counted.
json per_thousand(double cpu_s, long count) {
    if (count <= 0)
        return nullptr;
    return cpu_s * 1000 / static_cast<double>(count);
}

} // namespace

json proxy_json(const proxy_record& r) {
    double connect_cpu = r.after_connect.cpu_s - r.before_connect.cpu_s;
    double voting_cpu = 0;
    long acked = 0;
    json phases = json::object();
    for (const auto& p : r.phases) {
        double cpu = p.after.cpu_s - p.before.cpu_s;
        voting_cpu += cpu;
        acked += p.acknowledged;
        phases[p.name] = {{"cpu_s", cpu},
                          {"acknowledged", p.acknowledged},
                          {"cpu_s_per_1000_ballots", per_thousand(cpu, p.acknowledged)}};
    }
    json memory = nullptr;
    if (r.connections > 0)
        memory = (r.after_connect.rss_mib - r.before_connect.rss_mib) * 1024 /
                 static_cast<double>(r.connections);
    return {{"measured", r.before_connect.ok && r.after_connect.ok && r.at_end.ok},
            {"connections", r.connections},
            {"rss_mib_before_connect", r.before_connect.rss_mib},
            {"rss_mib_after_connect", r.after_connect.rss_mib},
            {"rss_mib_at_end", r.at_end.rss_mib},
            {"peak_rss_mib", r.at_end.peak_mib},
            {"memory_kib_per_connection", memory},
            {"cpu_s_connect", connect_cpu},
            {"cpu_s_per_1000_connections", per_thousand(connect_cpu, r.connections)},
            {"cpu_s_voting", voting_cpu},
            {"cpu_s_per_1000_ballots", per_thousand(voting_cpu, acked)},
            {"phases", phases}};
}

} // namespace asamblea::loadgen
