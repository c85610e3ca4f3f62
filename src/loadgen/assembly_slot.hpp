#pragma once
/// One assembly as a worker sees it: the round in play, the acknowledgements of first ballots in
/// arrival order, and what the projector has shown. Its voters and its projector write to it from
/// their strands, hence the mutex.

#include "loadgen/seed_file.hpp"

#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

namespace asamblea::loadgen {

struct assembly_slot {
    const seed_assembly* seed = nullptr;
    std::mutex mutex;
    std::int64_t round_id = 0;
    std::vector<double> first_acks;                         // ms since phase start
    std::vector<std::pair<double, std::int64_t>> snapshots; // (ms, ballots counted)
    bool projector_connected = false;
};

} // namespace asamblea::loadgen
