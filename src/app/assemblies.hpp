#pragma once
/// Use cases of the assembly itself: convene it, move it through its states, change its quorum,
/// and schedule a whole institution's Saturday.

#include "app/command.hpp"
#include "domain/assembly/assembly_state.hpp"
#include "store/assembly_repo.hpp"

#include <optional>
#include <string>

namespace asamblea::store {
class ballot_keys;
}

namespace asamblea::app {

/// A coordinator convenes the clinic's assembly of one edition (year).
struct assembly_created {
    int edition = 0;
    std::string scheduled_at; // normalized UTC
    int quorum_min = 0;
};
command<assembly_created> create_assembly(assembly_created request);

/// The moderator moves the assembly (convocada → registro → en_sesion → cerrada, suspendida).
/// Entering en_sesion makes the assembly's ballot key; the close destroys it, with an audit
/// event recorded in the same commit.
struct assembly_moved {
    store::assembly_row before;
    domain::assembly_phase next;
};
command<assembly_moved> transition_assembly(domain::assembly_state to, store::ballot_keys& keys);

/// The moderator changes the quorum of an assembly that is not closed.
command<store::assembly_row> update_quorum(int quorum_min);

/// One clinic's part of a national schedule: creates the edition, or reschedules it while it is
/// still convocada, else leaves it alone. Idempotent, so a retry after a failure is safe.
struct clinic_scheduled {
    enum class outcome { created, updated, skipped };
    outcome result = outcome::skipped;
};
command<clinic_scheduled> schedule_clinic(int edition, std::string scheduled_at,
                                          std::optional<int> quorum_min);

} // namespace asamblea::app
