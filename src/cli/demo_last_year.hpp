#pragma once
/// The demo's 2025 assembly of a clinic, held and closed: attendance, a revealed budget round
/// counted with quorum, the COSABI of term 2025 elected, and the work items its vote selected.

#include "store/store.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace asamblea::cli {

/// A committee login the demo creates for an elected member (through the member's invitation,
/// as the member would claim it).
struct demo_member_login {
    std::string role; // "presidencia", "tesoreria", ...
    std::string username, password;
};

/// Runs the whole 2025 assembly of `clues` through the app's commands; the clinic must have no
/// assembly yet. The logins' user ids by role. Throws std::runtime_error when a step fails.
std::map<std::string, std::int64_t> seed_last_year(store::store& s, const std::string& clues,
                                                   const std::vector<demo_member_login>& logins);

} // namespace asamblea::cli
