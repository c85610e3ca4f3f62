#include "store/committee_repo.hpp"

#include "domain/committee.hpp"
#include "store/round_repo.hpp"
#include "store/user_repo.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace asamblea::store {
namespace {

std::string text_or_empty(SQLite::Statement& q, int i) {
    return q.getColumn(i).isNull() ? std::string() : q.getColumn(i).getString();
}

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

// Roles in the order the committee is presented: presidencia first, aval ciudadano last.
constexpr const char* role_order =
    "CASE m.role WHEN 'presidencia' THEN 1 WHEN 'secretaria_tecnica' THEN 2 WHEN 'tesoreria' "
    "THEN 3 WHEN 'vocalia' THEN 4 ELSE 5 END";

constexpr const char* member_select =
    "SELECT m.id, m.clues, m.term, m.role, m.seat, m.nombre, m.sexo, coalesce(m.attendee_id, 0), "
    "m.round_id, m.source, m.elected_at, r.revealed_at IS NOT NULL, m.user_id IS NOT NULL, "
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
    m.has_account = q.getColumn(12).getInt() != 0;
    m.invitation_open = !q.getColumn(13).isNull();
    m.invitation_issued_at = text_or_empty(q, 13);
    m.invitation_expires_at = text_or_empty(q, 14);
    return m;
}

// Voids the term's members (of one role, or all with an empty role) and their open invitations.
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
        SQLite::Statement inv(ctx.db(), "UPDATE committee_invitations SET voided_at = ? WHERE "
                                        "member_id = ? AND voided_at IS NULL AND claimed_at IS "
                                        "NULL");
        inv.bind(1, ctx.now());
        inv.bind(2, static_cast<int64_t>(id));
        inv.exec();
    }
    return ids;
}

// The committee logins of voided members that no longer belong to any member (a ratified copy
// keeps its login) stop working: disabled, their sessions revoked.
void disable_orphan_logins(write_context& ctx, const std::string& clues,
                           const std::vector<std::int64_t>& voided) {
    for (auto id : voided) {
        SQLite::Statement q(ctx.db(),
                            "SELECT m.user_id FROM committee_members m WHERE m.id = ? AND "
                            "m.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                            "committee_members o WHERE o.user_id = m.user_id AND o.voided_at IS "
                            "NULL)");
        q.bind(1, static_cast<int64_t>(id));
        if (q.executeStep())
            disable_user(ctx, q.getColumn(0).getInt64(), clues, "committee_member_replaced");
    }
}

int edition_of(SQLite::Database& db, std::int64_t assembly_id) {
    SQLite::Statement q(db, "SELECT edition FROM assemblies WHERE id = ?");
    q.bind(1, static_cast<int64_t>(assembly_id));
    return q.executeStep() ? q.getColumn(0).getInt() : 0;
}

std::int64_t insert_member(write_context& ctx, const member_row& m, std::int64_t ratified_from,
                           std::int64_t user_id) {
    SQLite::Statement ins(ctx.db(),
                          "INSERT INTO committee_members (clues, term, role, seat, nombre, sexo, "
                          "attendee_id, round_id, source, ratified_from, user_id, elected_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, m.clues);
    ins.bind(2, m.term);
    ins.bind(3, m.role);
    ins.bind(4, m.seat);
    ins.bind(5, m.nombre);
    ins.bind(6, m.sexo);
    if (m.attendee_id > 0)
        ins.bind(7, static_cast<int64_t>(m.attendee_id));
    else
        ins.bind(7);
    ins.bind(8, static_cast<int64_t>(m.round_id));
    ins.bind(9, m.source);
    if (ratified_from > 0)
        ins.bind(10, static_cast<int64_t>(ratified_from));
    else
        ins.bind(10);
    if (user_id > 0)
        ins.bind(11, static_cast<int64_t>(user_id));
    else
        ins.bind(11);
    ins.bind(12, ctx.now());
    ins.exec();
    return ctx.db().getLastInsertRowid();
}

std::int64_t attendee_of(SQLite::Database& db, std::int64_t assembly_id, const std::string& id) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec != std::errc() || end != id.data() + id.size() || value <= 0)
        return 0;
    SQLite::Statement q(db, "SELECT 1 FROM attendees WHERE id = ? AND assembly_id = ?");
    q.bind(1, static_cast<int64_t>(value));
    q.bind(2, static_cast<int64_t>(assembly_id));
    return q.executeStep() ? value : 0;
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

domain::status withdraw_nomination(write_context& ctx, const std::string& clues,
                                   std::int64_t assembly_id, std::int64_t id, bool self) {
    SQLite::Statement upd(ctx.db(), "UPDATE nominations SET withdrawn_at = ?, withdrawn_by = ? "
                                    "WHERE id = ? AND assembly_id = ? AND withdrawn_at IS NULL");
    upd.bind(1, ctx.now());
    upd.bind(2, self ? "self" : "moderator");
    upd.bind(3, static_cast<int64_t>(id));
    upd.bind(4, static_cast<int64_t>(assembly_id));
    if (upd.exec() != 1)
        return domain::fail(domain::error_kind::conflict, "already_withdrawn",
                            "Esa postulación ya se había retirado.");
    ctx.audit(
        "nomination.withdrawn", clues,
        {{"assembly_id", assembly_id}, {"nomination_id", id}, {"by", self ? "self" : "moderator"}});
    return {};
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

void apply_committee_outcome(write_context& ctx, const std::string& clues, const round_row& round,
                             const domain::round_result& result) {
    const auto& spec = round.spec;
    int term = edition_of(ctx.db(), round.assembly_id);
    if (term == 0)
        return;
    if (auto seats = domain::elected_seats(spec, result); !seats.empty()) {
        auto voided = void_members(ctx, clues, term, spec.role);
        nlohmann::json members = nlohmann::json::array();
        for (const auto& s : seats) {
            auto it =
                std::find_if(spec.options.begin(), spec.options.end(),
                             [&](const domain::round_option& o) { return o.id == s.option_id; });
            if (it == spec.options.end())
                continue;
            member_row m;
            m.clues = clues;
            m.term = term;
            m.role = spec.role;
            m.seat = s.seat;
            m.nombre = it->label;
            m.sexo = it->sex;
            m.attendee_id = attendee_of(ctx.db(), round.assembly_id, it->id);
            m.round_id = round.id;
            m.source = "eleccion";
            auto id = insert_member(ctx, m, 0, 0);
            members.push_back({{"member_id", id},
                               {"seat", m.seat},
                               {"attendee_id", m.attendee_id},
                               {"nombre", m.nombre}});
        }
        disable_orphan_logins(ctx, clues, voided);
        ctx.audit("committee.elected", clues,
                  {{"round_id", round.id},
                   {"term", term},
                   {"role", spec.role},
                   {"members", members},
                   {"replaced", voided}});
        return;
    }
    if (!domain::ratification_passed(spec, result))
        return;
    auto previous = latest_term(ctx.db(), clues, term - 1);
    if (!previous)
        return;
    auto kept = list_committee(ctx.db(), clues, *previous);
    SQLite::Statement users(ctx.db(), "SELECT id, coalesce(user_id, 0) FROM committee_members "
                                      "WHERE clues = ? AND term = ? AND voided_at IS NULL");
    users.bind(1, clues);
    users.bind(2, *previous);
    std::map<std::int64_t, std::int64_t> user_of;
    while (users.executeStep())
        user_of[users.getColumn(0).getInt64()] = users.getColumn(1).getInt64();
    auto voided = void_members(ctx, clues, term, "");
    nlohmann::json members = nlohmann::json::array();
    for (auto m : kept) {
        auto from = m.id;
        m.term = term;
        m.round_id = round.id;
        m.source = "ratificacion";
        auto id = insert_member(ctx, m, from, user_of[from]);
        members.push_back({{"member_id", id}, {"from", from}, {"role", m.role}, {"seat", m.seat}});
    }
    disable_orphan_logins(ctx, clues, voided);
    ctx.audit("committee.ratified", clues,
              {{"round_id", round.id},
               {"term", term},
               {"from_term", *previous},
               {"members", members},
               {"replaced", voided}});
}

domain::status issue_invitation(write_context& ctx, const std::string& clues,
                                std::int64_t member_id, const std::string& code_hash,
                                std::int64_t issued_by) {
    auto member = find_member(ctx.db(), clues, member_id);
    if (!member)
        return domain::fail(domain::error_kind::not_found, "member_not_found",
                            "Esa persona no está en el COSABI vigente.");
    if (member->has_account)
        return domain::fail(domain::error_kind::conflict, "has_account",
                            "Esta persona ya creó su cuenta del COSABI.");
    SQLite::Statement old(ctx.db(), "UPDATE committee_invitations SET voided_at = ? WHERE "
                                    "member_id = ? AND voided_at IS NULL AND claimed_at IS NULL");
    old.bind(1, ctx.now());
    old.bind(2, static_cast<int64_t>(member_id));
    int replaced = old.exec();
    // The expiry is fixed at issue time, so a later change of the lifetime does not move it.
    SQLite::Statement ins(ctx.db(),
                          "INSERT INTO committee_invitations (member_id, clues, code_hash, "
                          "issued_by, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, "
                          "strftime('%Y-%m-%dT%H:%M:%fZ', ?, ?))");
    ins.bind(1, static_cast<int64_t>(member_id));
    ins.bind(2, clues);
    ins.bind(3, code_hash);
    if (issued_by > 0)
        ins.bind(4, static_cast<int64_t>(issued_by));
    else
        ins.bind(4);
    ins.bind(5, ctx.now());
    ins.bind(6, ctx.now());
    ins.bind(7,
             "+" + std::to_string(std::chrono::seconds(invitation_lifetime).count()) + " seconds");
    try {
        ins.exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() != SQLITE_CONSTRAINT_UNIQUE)
            throw;
        return domain::fail(domain::error_kind::conflict, "code_collision",
                            "No se pudo generar el código. Intente de nuevo.");
    }
    // The chain records that a code was issued, never the code.
    auto invitation_id = ctx.db().getLastInsertRowid();
    SQLite::Statement expiry(ctx.db(), "SELECT expires_at FROM committee_invitations WHERE id = ?");
    expiry.bind(1, static_cast<int64_t>(invitation_id));
    expiry.executeStep();
    ctx.audit("committee.invitation_issued", clues,
              {{"member_id", member_id},
               {"invitation_id", invitation_id},
               {"expires_at", expiry.getColumn(0).getString()},
               {"replaced", replaced > 0}});
    return {};
}

namespace {

constexpr const char* invitation_select =
    "SELECT i.id, i.member_id, i.clues, i.voided_at IS NULL AND i.claimed_at IS NULL AND "
    "m.voided_at IS NULL, i.claimed_at IS NOT NULL, i.expires_at FROM committee_invitations i "
    "JOIN committee_members m ON m.id = i.member_id ";

std::optional<invitation_row> read_invitation(SQLite::Statement& q) {
    if (!q.executeStep())
        return std::nullopt;
    return invitation_row{q.getColumn(0).getInt64(),    q.getColumn(1).getInt64(),
                          q.getColumn(2).getString(),   q.getColumn(3).getInt() != 0,
                          q.getColumn(4).getInt() != 0, q.getColumn(5).getString()};
}

} // namespace

std::optional<invitation_row> find_invitation(SQLite::Database& db, const std::string& clues,
                                              const std::string& code_hash) {
    SQLite::Statement q(db,
                        std::string(invitation_select) + "WHERE i.code_hash = ? AND i.clues = ?");
    q.bind(1, code_hash);
    q.bind(2, clues);
    return read_invitation(q);
}

domain::status check_claimable(const invitation_row& invitation, const std::string& now) {
    if (!invitation.open)
        return domain::fail(domain::error_kind::conflict, "invitation_used",
                            "Este código ya se usó o fue reemplazado por otro. Pida uno nuevo a "
                            "la mesa de la asamblea.",
                            "code");
    if (invitation.expires_at <= now)
        return domain::fail(
            domain::error_kind::conflict, "invitation_expired",
            "Este código venció: servía " +
                std::to_string(
                    std::chrono::duration_cast<std::chrono::days>(invitation_lifetime).count()) +
                " días después de generarse. Pida uno nuevo a quien modera la "
                "asamblea.",
            "code");
    return {};
}

domain::status claim_invitation(write_context& ctx, std::int64_t invitation_id,
                                std::int64_t user_id, const std::string& username) {
    SQLite::Statement q(ctx.db(), std::string(invitation_select) + "WHERE i.id = ?");
    q.bind(1, static_cast<int64_t>(invitation_id));
    auto invitation = read_invitation(q);
    if (!invitation)
        return domain::fail(domain::error_kind::not_found, "invitation_not_found",
                            "Ese código de invitación no existe.", "code");
    if (auto ok = check_claimable(*invitation, ctx.now()); !ok)
        return ok;
    SQLite::Statement inv(ctx.db(), "UPDATE committee_invitations SET claimed_at = ?, user_id = ? "
                                    "WHERE id = ?");
    inv.bind(1, ctx.now());
    inv.bind(2, static_cast<int64_t>(user_id));
    inv.bind(3, static_cast<int64_t>(invitation_id));
    inv.exec();
    SQLite::Statement mem(ctx.db(), "UPDATE committee_members SET user_id = ? WHERE id = ?");
    mem.bind(1, static_cast<int64_t>(user_id));
    mem.bind(2, static_cast<int64_t>(invitation->member_id));
    mem.exec();
    ctx.audit("committee.account_created", invitation->clues,
              {{"member_id", invitation->member_id},
               {"invitation_id", invitation_id},
               {"user_id", user_id},
               {"username", username}});
    return {};
}

} // namespace asamblea::store
