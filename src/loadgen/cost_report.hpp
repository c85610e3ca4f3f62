#pragma once
/// The two costs of a run apart (issue #19): what holding connected phones costs with nothing
/// voted (the idle phase), and what a ballot costs above that (a voting phase's server CPU less
/// the idle rate over its seconds).

#include <nlohmann/json.hpp>

namespace asamblea::loadgen {

struct idle_record {
    double seconds = 0;
    double server_cpu_s = 0;
    double loadgen_cpu_s = 0;
    long connections = 0; // greeted sockets held at the end (phones and projectors)
    double rss_mib_before_connect = 0, rss_mib_at_end = 0; // the servers, summed
};

/// The report's `server.idle`: CPU seconds and cores, CPU seconds per 1,000 held sockets per
/// second (core-seconds each second), KiB of server RSS per held socket at the end of the idle
/// window, and the load generator's CPU. A figure whose divisor is zero is null.
nlohmann::json idle_cost_json(const idle_record& r);

/// The server cores the idle window cost (its CPU seconds per second), or a negative number
/// when there was no idle window.
double idle_cores(const idle_record& r);

/// A voting phase's `cpu_s_per_1000_ballots` (raw), `idle_cpu_s_taken_off` (`idle_cores` times
/// the phase's seconds: the same sockets held that long) and `cpu_s_per_1000_ballots_above_idle`;
/// null where there is no idle rate or no ballot.
nlohmann::json ballot_cost_json(double cpu_s, double seconds, long acked, double idle_cores);

/// Issue 19's two cost targets, added to `targets`: `steady_cpu_le_half_core` (the servers'
/// CPU seconds in the steady phase at most half its seconds) and, with an idle window,
/// `idle_memory_le_4_kib_per_phone` (`server.idle.memory_kib_per_connection` at most 4). A
/// figure the report lacks fails its target; without an idle window the second is left out.
void add_cost_targets(nlohmann::json& targets, const nlohmann::json& steady,
                      const nlohmann::json& server);

} // namespace asamblea::loadgen
