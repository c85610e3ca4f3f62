#include "store/schedule_repo.hpp"

#include "store/sql_text.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

std::vector<std::string> clinics_of_institution(SQLite::Database& db,
                                                const std::string& institucion,
                                                const std::string& entidad) {
    std::vector<std::string> out;
    SQLite::Statement q(db, std::string("SELECT clues FROM clinics c WHERE institucion = ? COLLATE "
                                        "NOCASE AND ") +
                                not_moved_out("c.clues") +
                                (entidad.empty() ? "" : " AND entidad = ?") + " ORDER BY clues");
    q.bind(1, institucion);
    if (!entidad.empty())
        q.bind(2, entidad);
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

} // namespace asamblea::store
