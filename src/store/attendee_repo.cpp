#include "store/attendee_repo.hpp"

#include "domain/clinic.hpp"
#include "store/sql_text.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

namespace asamblea::store {
namespace {

constexpr const char* attendee_columns =
    "SELECT a.id, a.assembly_id, a.nombre, a.sexo, a.registered_at, "
    "CASE WHEN EXISTS (SELECT 1 FROM credentials c WHERE c.attendee_id = a.id AND "
    "c.status = 'activa') THEN 'activa' ELSE 'revocada' END FROM attendees a ";

attendee_row read_attendee(SQLite::Statement& q) {
    return attendee_row{q.getColumn(0).getInt64(),  q.getColumn(1).getInt64(),
                        q.getColumn(2).getString(), q.getColumn(3).getString(),
                        q.getColumn(4).getString(), q.getColumn(5).getString()};
}

bool is_unique_violation(const SQLite::Exception& e) {
    return e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE ||
           e.getExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY;
}

} // namespace

bool identifier_registered(SQLite::Database& db, std::int64_t assembly_id,
                           const std::string& identifier_hash) {
    SQLite::Statement q(db,
                        "SELECT 1 FROM attendees WHERE assembly_id = ? AND identifier_hash = ?");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.bind(2, identifier_hash);
    return q.executeStep();
}

std::optional<attendee_row> find_attendee_by_key(SQLite::Database& db, std::int64_t assembly_id,
                                                 const std::string& identifier_hash) {
    SQLite::Statement q(db, std::string(attendee_columns) +
                                "WHERE a.assembly_id = ? AND a.identifier_hash = ?");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.bind(2, identifier_hash);
    if (!q.executeStep())
        return std::nullopt;
    return read_attendee(q);
}

std::optional<attendee_row> find_attendee_by_name(SQLite::Database& db, std::int64_t assembly_id,
                                                  const std::string& folded_nombre) {
    SQLite::Statement q(db, std::string(attendee_columns) +
                                "WHERE a.assembly_id = ? AND a.search_text = ? ORDER BY a.id "
                                "LIMIT 1");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.bind(2, folded_nombre);
    if (!q.executeStep())
        return std::nullopt;
    return read_attendee(q);
}

domain::result<std::int64_t> insert_attendee(write_context& ctx, const std::string& clues,
                                             const new_attendee_row& a) {
    SQLite::Statement ins(ctx.db(),
                          "INSERT INTO attendees (assembly_id, nombre, search_text, "
                          "identifier_hash, sexo, adult_confirmed, registered_by, registered_at) "
                          "VALUES (?, ?, ?, ?, ?, 1, ?, ?)");
    ins.bind(1, static_cast<int64_t>(a.assembly_id));
    ins.bind(2, a.nombre);
    ins.bind(3, domain::fold_for_search(a.nombre));
    ins.bind(4, a.identifier_hash);
    ins.bind(5, a.sexo);
    if (a.registered_by > 0)
        ins.bind(6, static_cast<int64_t>(a.registered_by));
    else
        ins.bind(6);
    ins.bind(7, ctx.now());
    try {
        ins.exec();
    } catch (const SQLite::Exception& e) {
        if (!is_unique_violation(e))
            throw;
        return domain::fail(domain::error_kind::conflict, "duplicate_attendee",
                            "Esa persona ya está registrada en esta asamblea (el identificador "
                            "ya existe).",
                            "identificador");
    }
    auto id = ctx.db().getLastInsertRowid();
    // Neither the identifier nor the name go into the chain: it is kept forever.
    ctx.audit("attendee.registered", clues,
              {{"assembly_id", a.assembly_id},
               {"attendee_id", id},
               {"sexo", a.sexo},
               {"by", a.registered_by}});
    return id;
}

bool credential_hash_used(SQLite::Database& db, std::int64_t assembly_id,
                          const std::string& code_hash) {
    SQLite::Statement q(db, "SELECT 1 FROM credentials WHERE assembly_id = ? AND code_hash = ?");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.bind(2, code_hash);
    return q.executeStep();
}

int revoke_credentials(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                       std::int64_t attendee_id) {
    SQLite::Statement upd(ctx.db(),
                          "UPDATE credentials SET status = 'revocada', revoked_at = ? "
                          "WHERE attendee_id = ? AND assembly_id = ? AND status = 'activa'");
    upd.bind(1, ctx.now());
    upd.bind(2, static_cast<int64_t>(attendee_id));
    upd.bind(3, static_cast<int64_t>(assembly_id));
    int n = upd.exec();
    if (n > 0)
        ctx.audit("credential.revoked", clues,
                  {{"assembly_id", assembly_id}, {"attendee_id", attendee_id}});
    return n;
}

domain::result<std::int64_t> issue_credential(write_context& ctx, const std::string& clues,
                                              std::int64_t assembly_id, std::int64_t attendee_id,
                                              const std::string& code_hash) {
    SQLite::Statement ins(ctx.db(), "INSERT INTO credentials (assembly_id, attendee_id, "
                                    "code_hash, issued_at) VALUES (?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(assembly_id));
    ins.bind(2, static_cast<int64_t>(attendee_id));
    ins.bind(3, code_hash);
    ins.bind(4, ctx.now());
    try {
        ins.exec();
    } catch (const SQLite::Exception& e) {
        if (!is_unique_violation(e))
            throw;
        return domain::fail(domain::error_kind::conflict, "credential_conflict",
                            "No se pudo emitir la credencial. Intente de nuevo.");
    }
    auto id = ctx.db().getLastInsertRowid();
    ctx.audit("credential.issued", clues,
              {{"assembly_id", assembly_id}, {"attendee_id", attendee_id}, {"credential_id", id}});
    return id;
}

std::vector<attendee_row> list_attendees(SQLite::Database& db, std::int64_t assembly_id,
                                         const std::string& folded_query) {
    std::vector<attendee_row> out;
    std::string sql = std::string(attendee_columns) + "WHERE a.assembly_id = ?";
    if (!folded_query.empty())
        sql += " AND a.search_text LIKE ? ESCAPE '\\'";
    SQLite::Statement q(db, sql + " ORDER BY a.id DESC");
    q.bind(1, static_cast<int64_t>(assembly_id));
    if (!folded_query.empty())
        q.bind(2, like_pattern(folded_query));
    while (q.executeStep())
        out.push_back(read_attendee(q));
    return out;
}

std::optional<attendee_row> find_attendee(SQLite::Database& db, std::int64_t assembly_id,
                                          std::int64_t id) {
    SQLite::Statement q(db, std::string(attendee_columns) + "WHERE a.assembly_id = ? AND a.id = ?");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.bind(2, static_cast<int64_t>(id));
    if (!q.executeStep())
        return std::nullopt;
    return read_attendee(q);
}

std::int64_t count_attendance(SQLite::Database& db, std::int64_t assembly_id) {
    SQLite::Statement q(db, "SELECT count(*) FROM credentials WHERE assembly_id = ? AND "
                            "status = 'activa'");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.executeStep();
    return q.getColumn(0).getInt64();
}

std::optional<voter_row> find_voter(SQLite::Database& db, std::int64_t assembly_id,
                                    const std::string& code_hash) {
    SQLite::Statement q(db, "SELECT a.id, c.id, a.nombre, c.status = 'activa' FROM credentials c "
                            "JOIN attendees a ON a.id = c.attendee_id WHERE c.assembly_id = ? "
                            "AND c.code_hash = ?");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.bind(2, code_hash);
    if (!q.executeStep())
        return std::nullopt;
    return voter_row{q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                     q.getColumn(2).getString(), q.getColumn(3).getInt() != 0};
}

} // namespace asamblea::store
