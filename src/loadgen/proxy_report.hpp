#pragma once
/// The proxy's own costs in a run through HAProxy (scripts/bench --shards): its CPU per 1,000
/// connections (the connect phase) and per 1,000 ballots (the voting phases), and its memory
/// per connection, from /proc samples taken around each phase.

#include "loadgen/proc_stats.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace asamblea::loadgen {

struct proxy_phase {
    std::string name;
    long acknowledged = 0;
    proc_sample before, after;
};

struct proxy_record {
    proc_sample before_connect, after_connect, at_end;
    long connections = 0; // held after the connect phase
    std::vector<proxy_phase> phases;
};

/// The report's "proxy" section. A rate whose divisor is zero is null, never a division by it.
nlohmann::json proxy_json(const proxy_record& r);

} // namespace asamblea::loadgen
