#pragma once
/// Incidents the moderator notes while an assembly runs (a power cut, a protest, a vote repeated):
/// what text one may hold and when one may be noted. They are printed in the acta, which is
/// public once the assembly is cerrada.

#include "domain/assembly/assembly_state.hpp"
#include "domain/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace asamblea::domain {

inline constexpr std::size_t min_incident_chars = 3;
inline constexpr std::size_t max_incident_chars = 500;
/// An assembly holds at most this many incidents: the acta has to stay printable.
inline constexpr std::size_t max_incidents = 100;

/// The text cleaned (trimmed, one line, valid UTF-8, 3 to 500 characters), or why not (field
/// "text").
result<std::string> check_incident_text(std::string_view text);

/// Incidents are noted while the assembly runs: registro, en_sesion or suspendida; a conflict
/// (wrong_state) before it opens or once it is cerrada.
status require_incidents_open(assembly_state s);

/// A conflict (too_many_incidents) once the assembly already holds `max_incidents`.
status check_incident_room(std::size_t already_noted);

} // namespace asamblea::domain
