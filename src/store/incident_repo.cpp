#include "store/incident_repo.hpp"

#include "store/crypto.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

std::int64_t insert_incident(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                             const std::string& text, std::int64_t user_id) {
    auto& ins = ctx.statement(
        "INSERT INTO assembly_incidents (assembly_id, text, user_id, at) VALUES (?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(assembly_id));
    ins.bind(2, text);
    if (user_id > 0)
        ins.bind(3, static_cast<int64_t>(user_id));
    else
        ins.bind(3);
    ins.bind(4, ctx.now());
    ins.exec();
    auto id = ctx.db().getLastInsertRowid();
    ctx.audit("incident.noted", clues,
              {{"assembly_id", assembly_id},
               {"incident_id", id},
               {"text_sha256", sha256_hex(text)},
               {"by", user_id}});
    return id;
}

std::int64_t count_incidents(SQLite::Database& db, std::int64_t assembly_id) {
    SQLite::Statement q(db, "SELECT count(*) FROM assembly_incidents WHERE assembly_id = ?");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.executeStep();
    return q.getColumn(0).getInt64();
}

std::vector<incident_row> list_incidents(SQLite::Database& db, std::int64_t assembly_id) {
    SQLite::Statement q(db, "SELECT i.id, i.assembly_id, i.text, coalesce(i.user_id, 0), "
                            "coalesce(u.username, ''), i.at FROM assembly_incidents i "
                            "LEFT JOIN users u ON u.id = i.user_id "
                            "WHERE i.assembly_id = ? ORDER BY i.id");
    q.bind(1, static_cast<int64_t>(assembly_id));
    std::vector<incident_row> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                       q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                       q.getColumn(4).getString(), q.getColumn(5).getString()});
    return out;
}

} // namespace asamblea::store
