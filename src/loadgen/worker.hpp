#pragma once
/// One load-generator process: holds its share of the voters' and projectors' WebSockets on one
/// io_context with a few threads, and plays the phases the coordinator (its parent) sends it.
///
/// Parent → worker, one line each: `phase NAME spread|burst WINDOW_MS CHANGE_PERMILLE ID,ID,…`
/// (one round id per assembly of the worker, in order) and `quit`.
/// Worker → parent: `connected OK FAILED`, `progress ACKED ERRORS`, `done NAME` (after writing
/// DIR/worker-I-NAME.json with its acknowledgements, latencies, projector lags and receipts).

#include "loadgen/seed_file.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::loadgen {

struct worker_config {
    int index = 0;
    std::vector<std::size_t> assemblies; // indices into seed_data::assemblies
    unsigned threads = 2;
    unsigned source_addresses = 64; // local addresses 127.0.0.2 … spread the 4-tuples
    unsigned max_connecting = 256;  // handshakes in flight at once
    bool projectors = true;         // one public view per assembly
    bool echo = false;              // against the echo server: no hello, any reply answers
    std::string out_dir;
    std::uint64_t seed = 1;
    int cmd_fd = 0;
    int status_fd = 1;
};

/// Runs until `quit`; returns the process exit code.
int run_worker(const worker_config& config, const seed_data& seed);

} // namespace asamblea::loadgen
