#include "store/member_repo.hpp"

#include "store/sql_text.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {
namespace {

// Roles in the order the committee is presented: presidencia first, aval ciudadano last.
constexpr const char* role_order =
    "CASE m.role WHEN 'presidencia' THEN 1 WHEN 'secretaria_tecnica' THEN 2 WHEN 'tesoreria' "
    "THEN 3 WHEN 'vocalia' THEN 4 ELSE 5 END";

constexpr const char* member_select =
    "SELECT m.id, m.clues, m.term, m.role, m.seat, m.nombre, m.sexo, coalesce(m.attendee_id, 0), "
    "m.round_id, m.source, m.elected_at, r.revealed_at IS NOT NULL, coalesce(m.user_id, 0), "
    "i.issued_at, i.expires_at FROM committee_members m JOIN rounds r ON r.id = m.round_id "
    // At most one open invitation per member (invitations_one_open).
    "LEFT JOIN committee_invitations i ON i.member_id = m.id AND i.voided_at IS NULL AND "
    "i.claimed_at IS NULL ";

member_row read_member(SQLite::Statement& q) {
    member_row m;
    m.id = q.getColumn(0).getInt64();
    m.clues = q.getColumn(1).getString();
    m.term = q.getColumn(2).getInt();
    m.role = q.getColumn(3).getString();
    m.seat = q.getColumn(4).getInt();
    m.nombre = q.getColumn(5).getString();
    m.sexo = q.getColumn(6).getString();
    m.attendee_id = q.getColumn(7).getInt64();
    m.round_id = q.getColumn(8).getInt64();
    m.source = q.getColumn(9).getString();
    m.elected_at = q.getColumn(10).getString();
    m.revealed = q.getColumn(11).getInt() != 0;
    m.user_id = q.getColumn(12).getInt64();
    m.has_account = m.user_id != 0;
    m.invitation_open = !q.getColumn(13).isNull();
    m.invitation_issued_at = text_or_empty(q, 13);
    m.invitation_expires_at = text_or_empty(q, 14);
    return m;
}

void bind_id_or_null(SQLite::Statement& q, int index, std::int64_t id) {
    if (id > 0)
        q.bind(index, static_cast<int64_t>(id));
    else
        q.bind(index);
}

} // namespace

std::optional<int> latest_term(SQLite::Database& db, const std::string& clues, int up_to) {
    SQLite::Statement q(db, std::string("SELECT max(term) FROM committee_members WHERE clues = ? "
                                        "AND voided_at IS NULL") +
                                (up_to > 0 ? " AND term <= ?" : ""));
    q.bind(1, clues);
    if (up_to > 0)
        q.bind(2, up_to);
    if (!q.executeStep() || q.getColumn(0).isNull())
        return std::nullopt;
    return q.getColumn(0).getInt();
}

std::vector<member_row> list_committee(SQLite::Database& db, const std::string& clues, int term) {
    SQLite::Statement q(db,
                        std::string(member_select) +
                            "WHERE m.clues = ? AND m.term = ? AND m.voided_at IS NULL ORDER BY " +
                            role_order + ", m.seat");
    q.bind(1, clues);
    q.bind(2, term);
    std::vector<member_row> out;
    while (q.executeStep())
        out.push_back(read_member(q));
    return out;
}

std::optional<member_row> find_member(SQLite::Database& db, const std::string& clues,
                                      std::int64_t id) {
    SQLite::Statement q(db, std::string(member_select) +
                                "WHERE m.clues = ? AND m.id = ? AND m.voided_at IS NULL");
    q.bind(1, clues);
    q.bind(2, static_cast<int64_t>(id));
    if (!q.executeStep())
        return std::nullopt;
    return read_member(q);
}

std::optional<std::string> role_held(SQLite::Database& db, const std::string& clues, int term,
                                     std::int64_t attendee_id) {
    SQLite::Statement q(db, "SELECT role FROM committee_members WHERE clues = ? AND term = ? AND "
                            "attendee_id = ? AND voided_at IS NULL LIMIT 1");
    q.bind(1, clues);
    q.bind(2, term);
    q.bind(3, static_cast<int64_t>(attendee_id));
    if (!q.executeStep())
        return std::nullopt;
    return q.getColumn(0).getString();
}

std::vector<std::int64_t> void_members(write_context& ctx, const std::string& clues, int term,
                                       const std::string& role) {
    std::string where = "clues = ? AND term = ? AND voided_at IS NULL";
    if (!role.empty())
        where += " AND role = ?";
    SQLite::Statement q(ctx.db(), "SELECT id FROM committee_members WHERE " + where);
    q.bind(1, clues);
    q.bind(2, term);
    if (!role.empty())
        q.bind(3, role);
    std::vector<std::int64_t> ids;
    while (q.executeStep())
        ids.push_back(q.getColumn(0).getInt64());
    for (auto id : ids) {
        SQLite::Statement upd(ctx.db(), "UPDATE committee_members SET voided_at = ? WHERE id = ?");
        upd.bind(1, ctx.now());
        upd.bind(2, static_cast<int64_t>(id));
        upd.exec();
    }
    return ids;
}

std::int64_t insert_member(write_context& ctx, const member_origin& origin,
                           const domain::committee_seat& seat) {
    SQLite::Statement ins(ctx.db(),
                          "INSERT INTO committee_members (clues, term, role, seat, nombre, sexo, "
                          "attendee_id, round_id, source, ratified_from, user_id, elected_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, origin.clues);
    ins.bind(2, origin.term);
    ins.bind(3, seat.role);
    ins.bind(4, seat.seat);
    ins.bind(5, seat.nombre);
    ins.bind(6, seat.sexo);
    bind_id_or_null(ins, 7, seat.attendee_id);
    ins.bind(8, static_cast<int64_t>(origin.round_id));
    ins.bind(9, origin.source);
    bind_id_or_null(ins, 10, seat.ratified_from);
    bind_id_or_null(ins, 11, seat.user_id);
    ins.bind(12, ctx.now());
    ins.exec();
    return ctx.db().getLastInsertRowid();
}

std::vector<std::int64_t> logins_without_member(SQLite::Database& db,
                                                const std::vector<std::int64_t>& member_ids) {
    std::vector<std::int64_t> out;
    for (auto id : member_ids) {
        SQLite::Statement q(db, "SELECT m.user_id FROM committee_members m WHERE m.id = ? AND "
                                "m.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                                "committee_members o WHERE o.user_id = m.user_id AND "
                                "o.voided_at IS NULL)");
        q.bind(1, static_cast<int64_t>(id));
        if (q.executeStep())
            out.push_back(q.getColumn(0).getInt64());
    }
    return out;
}

void set_member_login(write_context& ctx, std::int64_t member_id, std::int64_t user_id) {
    SQLite::Statement mem(ctx.db(), "UPDATE committee_members SET user_id = ? WHERE id = ?");
    mem.bind(1, static_cast<int64_t>(user_id));
    mem.bind(2, static_cast<int64_t>(member_id));
    mem.exec();
}

} // namespace asamblea::store
