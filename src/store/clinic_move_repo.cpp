#include "store/clinic_move_repo.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

std::unordered_map<std::string, std::string> clinics_moved_out(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT clues, shard FROM clinic_moves WHERE direction = 'out'");
    std::unordered_map<std::string, std::string> out;
    while (q.executeStep())
        out.emplace(q.getColumn(0).getString(), q.getColumn(1).getString());
    return out;
}

} // namespace asamblea::store
