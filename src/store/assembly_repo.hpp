#pragma once
/// Assemblies and their proposal lists in SQLite.

#include "domain/assembly/assembly_state.hpp"
#include "domain/proposal.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

struct assembly_row {
    std::int64_t id = 0;
    std::string clues;
    int edition = 0;
    domain::assembly_state state = domain::assembly_state::convocada;
    std::string scheduled_at; // UTC ISO 8601, empty when not scheduled
    int quorum_min = 0;
    std::optional<domain::assembly_state> resumes_to; // while suspendida: the state it returns to
    int speaker_seconds = 120;

    domain::assembly_phase phase() const { return {state, resumes_to}; }
};

/// Creates the clinic's assembly for an edition (year); audits it.
std::int64_t create_assembly(write_context& ctx, const std::string& clues, int edition,
                             const std::string& scheduled_at, int quorum_min);

/// Adds a proposal to an assembly; audits it.
std::int64_t add_proposal(write_context& ctx, std::int64_t assembly_id, const std::string& clues,
                          const domain::proposal& p, std::string_view status);

/// The clinic's newest assembly, if any.
std::optional<assembly_row> latest_assembly(SQLite::Database& db, const std::string& clues);

/// True when the assembly is cerrada, or does not exist: its ballot key must not exist either.
bool assembly_closed_or_absent(SQLite::Database& db, std::int64_t assembly_id);

/// The edition (year) of an assembly, if it exists.
std::optional<int> assembly_edition(SQLite::Database& db, std::int64_t assembly_id);

/// Every assembly of the clinic, newest edition first.
std::vector<assembly_row> list_assemblies(SQLite::Database& db, const std::string& clues);

/// A clinic's newest assembly and its attendance: attendees holding an active credential.
struct current_assembly {
    assembly_row assembly;
    std::int64_t attendance = 0;
};

/// The newest assembly of each clinic in `clues` that has one, keyed by CLUES, in two queries
/// (never one per clinic).
std::map<std::string, current_assembly> current_assemblies(SQLite::Database& db,
                                                           const std::vector<std::string>& clues);

/// The clinic's assembly for one edition, if any.
std::optional<assembly_row> find_assembly(SQLite::Database& db, const std::string& clues,
                                          int edition);

/// Moves the assembly to `next` only if it still is in `a.state`; audits the transition.
/// False (nothing written) when someone else changed the state first.
bool update_assembly_state(write_context& ctx, const assembly_row& a,
                           const domain::assembly_phase& next);

/// Changes the quorum; audits it.
void update_quorum(write_context& ctx, const assembly_row& a, int quorum_min);

/// Changes the scheduled time (and the quorum when given); audits it.
void update_schedule(write_context& ctx, const assembly_row& a, const std::string& scheduled_at,
                     std::optional<int> quorum_min);

/// Changes the time each speaker gets; audits it.
void update_speaker_seconds(write_context& ctx, const assembly_row& a, int seconds);

} // namespace asamblea::store
