#include "store/export_repo.hpp"

#include "store/sql_text.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

std::vector<std::string> list_clinic_codes(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT clues FROM clinics c WHERE " + not_moved_out("c.clues") +
                                " ORDER BY clues");
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

std::vector<int> list_editions(SQLite::Database& db, const std::string& clues) {
    SQLite::Statement q(db, "SELECT edition FROM assemblies WHERE clues = ? ORDER BY edition");
    q.bind(1, clues);
    std::vector<int> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getInt());
    return out;
}

} // namespace asamblea::store
