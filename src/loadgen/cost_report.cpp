#include "loadgen/cost_report.hpp"

namespace asamblea::loadgen {

using nlohmann::json;

namespace {

json cost_ratio(double a, double b) {
    if (b <= 0)
        return nullptr;
    return a / b;
}

} // namespace

double idle_cores(const idle_record& r) {
    return r.seconds > 0 ? r.server_cpu_s / r.seconds : -1;
}

json idle_cost_json(const idle_record& r) {
    double sockets = static_cast<double>(r.connections);
    json per_1000 = nullptr, loadgen_per_1000 = nullptr;
    if (r.seconds > 0 && sockets > 0) {
        per_1000 = r.server_cpu_s / r.seconds / sockets * 1000;
        loadgen_per_1000 = r.loadgen_cpu_s / r.seconds / sockets * 1000;
    }
    return {{"seconds", r.seconds},
            {"connections", r.connections},
            {"cpu_s", r.server_cpu_s},
            {"cpu_cores", cost_ratio(r.server_cpu_s, r.seconds)},
            {"cpu_s_per_1000_phones_per_s", per_1000},
            {"rss_mib_at_end", r.rss_mib_at_end},
            {"memory_kib_per_connection",
             cost_ratio((r.rss_mib_at_end - r.rss_mib_before_connect) * 1024, sockets)},
            {"loadgen_cpu_s", r.loadgen_cpu_s},
            {"loadgen_cpu_s_per_1000_phones_per_s", loadgen_per_1000}};
}

json ballot_cost_json(double cpu_s, double seconds, long acked, double idle) {
    double ballots = static_cast<double>(acked) / 1000;
    json taken = nullptr, above = nullptr;
    if (idle >= 0) {
        taken = idle * seconds;
        if (acked > 0)
            above = (cpu_s - idle * seconds) / ballots;
    }
    return {{"cpu_s_per_1000_ballots", cost_ratio(cpu_s, ballots)},
            {"idle_cpu_s_taken_off", taken},
            {"cpu_s_per_1000_ballots_above_idle", above}};
}

void add_cost_targets(json& targets, const json& steady, const json& server) {
    // A number, or -1 where the report has none (a failed target, never a met one).
    auto figure = [](const json& object, const char* key) {
        return object.is_object() && object.contains(key) && object[key].is_number()
                   ? object[key].get<double>()
                   : -1.0;
    };
    double seconds = figure(steady, "seconds");
    double cpu = figure(steady, "server_cpu_s");
    targets["steady_cpu_le_half_core"] = seconds > 0 && cpu >= 0 && cpu <= 0.5 * seconds;
    if (server.contains("idle") && server["idle"].is_object()) {
        double memory = figure(server["idle"], "memory_kib_per_connection");
        targets["idle_memory_le_4_kib_per_phone"] = memory >= 0 && memory <= 4.0;
    }
}

} // namespace asamblea::loadgen
