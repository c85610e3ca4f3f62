#pragma once
/// The national view's reads of the follow-up (/nacional): which editions have closed
/// assemblies, which clinics closed theirs in an edition, and when each work last moved. The
/// money itself is read per clinic through the follow-up's own reads (app/followup/board).

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace asamblea::store {

/// Every edition with at least one cerrada assembly, newest first.
std::vector<int> closed_editions(SQLite::Database& db);

/// A clinic whose assembly of the edition is cerrada: the public facts the view groups by.
struct closed_clinic_row {
    std::string clues;
    std::string nombre;
    std::string entidad;
    std::string institucion;
};

/// The clinics whose assembly of `edition` is cerrada, by CLUES.
std::vector<closed_clinic_row> closed_clinics(SQLite::Database& db, int edition);

/// For every work item of `edition`: when it last changed state (its newest move), or when it
/// was created if it never moved; stored UTC times, by work id.
std::map<std::int64_t, std::string> last_work_moves(SQLite::Database& db, int edition);

} // namespace asamblea::store
