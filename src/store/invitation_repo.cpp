#include "store/invitation_repo.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

namespace asamblea::store {
namespace {

constexpr const char* invitation_select =
    "SELECT i.id, i.member_id, i.clues, i.voided_at IS NULL AND i.claimed_at IS NULL AND "
    "m.voided_at IS NULL, i.claimed_at IS NOT NULL, i.expires_at FROM committee_invitations i "
    "JOIN committee_members m ON m.id = i.member_id ";

std::optional<invitation_row> read_invitation(SQLite::Statement& q) {
    if (!q.executeStep())
        return std::nullopt;
    // A row the migration could not date has no expiry: empty, so it fails closed.
    return invitation_row{
        q.getColumn(0).getInt64(),    q.getColumn(1).getInt64(),
        q.getColumn(2).getString(),   q.getColumn(3).getInt() != 0,
        q.getColumn(4).getInt() != 0, q.getColumn(5).isNull() ? "" : q.getColumn(5).getString()};
}

} // namespace

int void_open_invitations(write_context& ctx, std::int64_t member_id) {
    SQLite::Statement old(ctx.db(), "UPDATE committee_invitations SET voided_at = ? WHERE "
                                    "member_id = ? AND voided_at IS NULL AND claimed_at IS NULL");
    old.bind(1, ctx.now());
    old.bind(2, static_cast<int64_t>(member_id));
    return old.exec();
}

domain::status insert_invitation(write_context& ctx, const std::string& clues,
                                 std::int64_t member_id, const std::string& code_hash,
                                 std::int64_t issued_by, std::chrono::seconds lifetime,
                                 bool replaced) {
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
    ins.bind(7, "+" + std::to_string(lifetime.count()) + " seconds");
    try {
        ins.exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() != SQLITE_CONSTRAINT_UNIQUE)
            throw;
        return domain::fail(domain::error_kind::conflict, "code_collision",
                            "No se pudo generar el código. Intente de nuevo.");
    }
    auto invitation_id = ctx.db().getLastInsertRowid();
    SQLite::Statement expiry(ctx.db(), "SELECT expires_at FROM committee_invitations WHERE id = ?");
    expiry.bind(1, static_cast<int64_t>(invitation_id));
    expiry.executeStep();
    ctx.audit("committee.invitation_issued", clues,
              {{"member_id", member_id},
               {"invitation_id", invitation_id},
               {"expires_at", expiry.getColumn(0).getString()},
               {"replaced", replaced}});
    return {};
}

std::optional<invitation_row> find_invitation(SQLite::Database& db, const std::string& clues,
                                              const std::string& code_hash) {
    SQLite::Statement q(db,
                        std::string(invitation_select) + "WHERE i.code_hash = ? AND i.clues = ?");
    q.bind(1, code_hash);
    q.bind(2, clues);
    return read_invitation(q);
}

void mark_claimed(write_context& ctx, const invitation_row& invitation, std::int64_t user_id,
                  const std::string& username) {
    SQLite::Statement inv(ctx.db(), "UPDATE committee_invitations SET claimed_at = ?, user_id = ? "
                                    "WHERE id = ?");
    inv.bind(1, ctx.now());
    inv.bind(2, static_cast<int64_t>(user_id));
    inv.bind(3, static_cast<int64_t>(invitation.id));
    inv.exec();
    ctx.audit("committee.account_created", invitation.clues,
              {{"member_id", invitation.member_id},
               {"invitation_id", invitation.id},
               {"user_id", user_id},
               {"username", username}});
}

} // namespace asamblea::store
