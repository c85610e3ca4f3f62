#include "loadgen/phase_settings.hpp"

#include "loadgen/decimal.hpp"

#include <sstream>

namespace asamblea::loadgen {

std::string phase_command(const phase_settings& phase, const std::vector<std::size_t>& assemblies) {
    std::string ids;
    for (auto i : assemblies)
        ids +=
            (ids.empty() ? "" : ",") + std::to_string(phase.rounds.empty() ? 0 : phase.rounds[i]);
    if (ids.empty())
        ids = "0";
    return "phase " + phase.name + " " +
           (phase.idle     ? "idle"
            : phase.spread ? "spread"
                           : "burst") +
           " " + decimal(phase.window_ms, 0) + " " + std::to_string(phase.change_permille) + " " +
           ids;
}

phase_settings parse_phase_command(const std::string& line) {
    phase_settings phase;
    std::istringstream words(line);
    std::string kind, mode, ids;
    words >> kind >> phase.name >> mode >> phase.window_ms >> phase.change_permille >> ids;
    phase.spread = mode == "spread";
    phase.idle = mode == "idle";
    std::istringstream list(ids);
    for (std::string id; std::getline(list, id, ',');)
        phase.rounds.push_back(std::stoll(id));
    return phase;
}

} // namespace asamblea::loadgen
