#pragma once
/// One phase of voting as the coordinator plays it and a worker receives it, and the command line
/// that carries it from one to the other: `phase NAME spread|burst|idle WINDOW_MS CHANGE_PERMILLE
/// ID,ID,…` (one round id per assembly of the worker, in order; `0` when there is none).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::loadgen {

struct phase_settings {
    std::string name;
    bool spread = false;     // first ballots at random moments of the window, else all at once
    double window_ms = 0;    // the window of a spread-out phase
    int change_permille = 0; // voters who send a second ballot
    // The round of each assembly: all of them in the coordinator (none in the echo run), the
    // worker's own in a worker.
    std::vector<std::int64_t> rounds;
    bool idle = false; // no ballot: every device only holds its socket for the window
};

/// The command for the worker that holds `assemblies` (indices into `phase.rounds`).
std::string phase_command(const phase_settings& phase, const std::vector<std::size_t>& assemblies);

/// Reads a line written by phase_command; the rounds are the worker's own.
phase_settings parse_phase_command(const std::string& line);

} // namespace asamblea::loadgen
