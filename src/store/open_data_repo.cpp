#include "store/open_data_repo.hpp"

#include "store/sql_text.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

std::vector<std::string> open_followup_clinics(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT DISTINCT w.clues FROM work_items w JOIN assemblies a "
                            "ON a.clues = w.clues AND a.edition = w.edition "
                            "WHERE a.state = 'cerrada' AND " +
                                not_moved_out("w.clues") + " ORDER BY w.clues");
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

std::vector<int> open_followup_editions(SQLite::Database& db, const std::string& clues) {
    SQLite::Statement q(db, "SELECT DISTINCT w.edition FROM work_items w JOIN assemblies a "
                            "ON a.clues = w.clues AND a.edition = w.edition "
                            "WHERE w.clues = ? AND a.state = 'cerrada' ORDER BY w.edition");
    q.bind(1, clues);
    std::vector<int> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getInt());
    return out;
}

std::optional<round_owner> find_round_owner(SQLite::Database& db, std::int64_t round_id) {
    SQLite::Statement q(db, "SELECT a.clues, a.edition FROM rounds r JOIN assemblies a "
                            "ON a.id = r.assembly_id WHERE r.id = ?");
    q.bind(1, static_cast<int64_t>(round_id));
    if (!q.executeStep())
        return std::nullopt;
    return round_owner{q.getColumn(0).getString(), q.getColumn(1).getInt()};
}

} // namespace asamblea::store
