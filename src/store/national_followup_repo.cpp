#include "store/national_followup_repo.hpp"

#include "store/sql_text.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

std::vector<int> closed_editions(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT DISTINCT edition FROM assemblies WHERE state = 'cerrada' "
                            "ORDER BY edition DESC");
    std::vector<int> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getInt());
    return out;
}

std::vector<closed_clinic_row> closed_clinics(SQLite::Database& db, int edition) {
    SQLite::Statement q(db, "SELECT c.clues, c.nombre, c.entidad, c.institucion "
                            "FROM assemblies a JOIN clinics c ON c.clues = a.clues "
                            "WHERE a.edition = ? AND a.state = 'cerrada' AND " +
                                not_moved_out("c.clues") + " ORDER BY c.clues");
    q.bind(1, edition);
    std::vector<closed_clinic_row> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getString()});
    return out;
}

std::map<std::int64_t, std::string> last_work_moves(SQLite::Database& db, int edition) {
    SQLite::Statement q(db, "SELECT w.id, coalesce((SELECT max(m.at) FROM work_moves m "
                            "WHERE m.work_id = w.id), w.created_at) "
                            "FROM work_items w WHERE w.edition = ?");
    q.bind(1, edition);
    std::map<std::int64_t, std::string> out;
    while (q.executeStep())
        out.emplace(q.getColumn(0).getInt64(), q.getColumn(1).getString());
    return out;
}

} // namespace asamblea::store
