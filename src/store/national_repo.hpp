#pragma once
/// The national dashboard's read: every clinic's current assembly with its live figures, in one
/// aggregating query (never one per clinic).

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

/// Which assemblies the dashboard shows.
struct national_filter {
    std::string entidad;            // clinics' state (exact); empty: every state
    std::string estado;             // assembly state, rows only; empty: every state
    std::string after;              // CLUES: rows after it (paging); empty: from the start
    int limit = 2000;               // rows at most
    std::vector<std::string> scope; // a state coordinator's clinics; empty: national
};

/// Figures over every assembly the filter's entidad and scope cover (not its estado).
struct national_totals {
    std::map<std::string, std::int64_t> by_state; // each assembly state, zero when none
    std::int64_t assemblies = 0;
    std::int64_t with_quorum = 0; // in registro or en_sesion, attendance at least quorum_min
    std::int64_t voting = 0;      // with a round open now
    std::int64_t attendance = 0;  // active credentials over all of them
};

/// One clinic's current assembly (its newest edition).
struct national_row {
    std::string clues;
    std::string nombre;
    std::string entidad;
    std::string institucion;
    std::string state;
    std::int64_t attendance = 0;
    int quorum_min = 0;
    std::optional<std::int64_t> round_id; // the current round (the open one, else the newest)
    std::string round_title;
    std::string round_status;
    std::int64_t ballots = 0; // the current round's counted ballots (ballots_one_counted)
    std::string updated_at;   // the later of the assembly's and its current round's last change
};

/// Totals and one page of rows, ordered by CLUES, read in one snapshot.
struct national_dashboard {
    national_totals totals;
    std::vector<national_row> rows;
    std::string next_after; // the CLUES to pass as `after` for the next page; empty when done
};

/// Reads the dashboard; `filter.limit` must be at least 1.
national_dashboard read_national_dashboard(SQLite::Database& db, const national_filter& filter);

} // namespace asamblea::store
