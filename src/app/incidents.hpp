#pragma once
/// Use cases of the incidents a moderator notes while the assembly runs; the acta prints them.

#include "app/assembly_command.hpp"
#include "store/incident_repo.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::app {

/// The incident as written, with its new id.
struct noted_incident {
    std::string text; // cleaned
    std::int64_t id = 0;
};

/// Notes an incident in the clinic's current assembly (registro, en_sesion or suspendida), by the
/// staff user `user_id`; audited.
command<on_assembly<noted_incident>> note_incident(std::int64_t user_id, std::string text);

/// The current assembly's incidents, oldest first; not_found (no_assembly) when the clinic has
/// none.
domain::result<std::vector<store::incident_row>> read_incidents(SQLite::Database& db,
                                                                const std::string& clues);

} // namespace asamblea::app
