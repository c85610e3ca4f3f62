#pragma once
/// The run's timeline for gnuplot: per bucket of time, the acknowledgements in it and their
/// latency percentiles, one block per phase.

#include "loadgen/phase.hpp"

#include <string>
#include <vector>

namespace asamblea::loadgen {

void write_timeline(const std::string& path, const std::vector<phase_outcome>& phases, bool echo);

} // namespace asamblea::loadgen
