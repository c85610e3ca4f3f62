#pragma once
/// The assembly's lifecycle: convocada → registro → en_sesion → cerrada, with suspendida as a
/// pause.

#include "domain/error.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace asamblea::domain {

enum class assembly_state { convocada, registro, en_sesion, suspendida, cerrada };

std::string_view to_string(assembly_state s);
std::optional<assembly_state> parse_assembly_state(std::string_view text);
/// How the state reads on a screen ("en sesión").
std::string_view label(assembly_state s);

/// Where an assembly stands: its state and, while suspended, the state it returns to.
struct assembly_phase {
    assembly_state state = assembly_state::convocada;
    std::optional<assembly_state> resumes_to;
};

/// The states reachable from here in one step (from suspendida, only the state it left).
std::vector<assembly_state> allowed_transitions(const assembly_phase& from);

/// The phase after moving to `to`; a conflict (bad_transition) when the move is not allowed.
result<assembly_phase> transition(const assembly_phase& from, assembly_state to);

/// The clinic has no assembly yet (not_found, no_assembly).
error no_assembly();

/// Check-in is open in registro and en_sesion.
status require_check_in_open(assembly_state s);
/// Proposals can be added and reviewed in convocada, registro and en_sesion.
status require_proposals_open(assembly_state s);
/// The speakers' queue runs in registro and en_sesion.
status require_floor_open(assembly_state s);

/// Quorum holds when at least quorum_min attendees are present.
inline bool quorum_met(long long attendance, long long quorum_min) {
    return attendance >= quorum_min;
}

} // namespace asamblea::domain
