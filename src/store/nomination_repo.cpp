#include "store/nomination_repo.hpp"

#include "store/sql_text.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

namespace asamblea::store {
namespace {

constexpr const char* nomination_select =
    "SELECT n.id, n.assembly_id, n.attendee_id, n.role, a.nombre, a.sexo, n.nominated_by, "
    "n.created_at, n.withdrawn_at, n.withdrawn_by, EXISTS (SELECT 1 FROM credentials c WHERE "
    "c.attendee_id = n.attendee_id AND c.status = 'activa') FROM nominations n JOIN attendees a "
    "ON a.id = n.attendee_id ";

nomination_row read_nomination(SQLite::Statement& q) {
    nomination_row r;
    r.id = q.getColumn(0).getInt64();
    r.assembly_id = q.getColumn(1).getInt64();
    r.attendee_id = q.getColumn(2).getInt64();
    r.role = q.getColumn(3).getString();
    r.nombre = q.getColumn(4).getString();
    r.sexo = q.getColumn(5).getString();
    r.nominated_by = q.getColumn(6).getString();
    r.created_at = q.getColumn(7).getString();
    r.withdrawn_at = text_or_empty(q, 8);
    r.withdrawn_by = text_or_empty(q, 9);
    r.present = q.getColumn(10).getInt() != 0;
    return r;
}

} // namespace

domain::result<std::int64_t> insert_nomination(write_context& ctx, const std::string& clues,
                                               std::int64_t assembly_id, std::int64_t attendee_id,
                                               const std::string& role, bool self,
                                               std::int64_t user_id) {
    SQLite::Statement ins(ctx.db(),
                          "INSERT INTO nominations (assembly_id, attendee_id, role, nominated_by, "
                          "nominated_by_user, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(assembly_id));
    ins.bind(2, static_cast<int64_t>(attendee_id));
    ins.bind(3, role);
    ins.bind(4, self ? "self" : "moderator");
    if (user_id > 0)
        ins.bind(5, static_cast<int64_t>(user_id));
    else
        ins.bind(5);
    ins.bind(6, ctx.now());
    try {
        ins.exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() != SQLITE_CONSTRAINT_UNIQUE)
            throw;
        return domain::fail(domain::error_kind::conflict, "already_nominated",
                            "Esa persona ya está postulada a este cargo.", "role");
    }
    auto id = ctx.db().getLastInsertRowid();
    ctx.audit("nomination.created", clues,
              {{"assembly_id", assembly_id},
               {"nomination_id", id},
               {"attendee_id", attendee_id},
               {"role", role},
               {"by", self ? "self" : "moderator"}});
    return id;
}

bool withdraw_nomination(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                         std::int64_t id, bool self) {
    SQLite::Statement upd(ctx.db(), "UPDATE nominations SET withdrawn_at = ?, withdrawn_by = ? "
                                    "WHERE id = ? AND assembly_id = ? AND withdrawn_at IS NULL");
    upd.bind(1, ctx.now());
    upd.bind(2, self ? "self" : "moderator");
    upd.bind(3, static_cast<int64_t>(id));
    upd.bind(4, static_cast<int64_t>(assembly_id));
    if (upd.exec() != 1)
        return false;
    ctx.audit(
        "nomination.withdrawn", clues,
        {{"assembly_id", assembly_id}, {"nomination_id", id}, {"by", self ? "self" : "moderator"}});
    return true;
}

std::optional<nomination_row> find_nomination(SQLite::Database& db, std::int64_t assembly_id,
                                              std::int64_t id) {
    SQLite::Statement q(db,
                        std::string(nomination_select) + "WHERE n.assembly_id = ? AND n.id = ?");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.bind(2, static_cast<int64_t>(id));
    if (!q.executeStep())
        return std::nullopt;
    return read_nomination(q);
}

std::vector<nomination_row> list_nominations(SQLite::Database& db, std::int64_t assembly_id,
                                             const std::string& role) {
    std::string sql =
        std::string(nomination_select) + "WHERE n.assembly_id = ? AND n.withdrawn_at IS NULL" +
        (role.empty() ? "" : " AND n.role = ?") + " ORDER BY n.role, a.search_text, n.id";
    SQLite::Statement q(db, sql);
    q.bind(1, static_cast<int64_t>(assembly_id));
    if (!role.empty())
        q.bind(2, role);
    std::vector<nomination_row> out;
    while (q.executeStep())
        out.push_back(read_nomination(q));
    return out;
}

} // namespace asamblea::store
