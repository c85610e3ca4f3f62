#include "store/user_repo.hpp"

#include "store/revocation_repo.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>

namespace asamblea::store {
namespace {

std::vector<std::string> clinics_of(SQLite::Database& db, std::int64_t user_id) {
    std::vector<std::string> out;
    SQLite::Statement q(db, "SELECT clues FROM user_clinics WHERE user_id = ? ORDER BY clues");
    q.bind(1, static_cast<int64_t>(user_id));
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

std::optional<stored_user> read_user(SQLite::Database& db, SQLite::Statement& q) {
    if (!q.executeStep())
        return std::nullopt;
    stored_user u;
    u.who.user_id = q.getColumn(0).getInt64();
    u.who.username = q.getColumn(1).getString();
    u.who.role = domain::parse_role(q.getColumn(2).getString()).value_or(domain::role::committee);
    u.password_hash = q.getColumn(3).getString();
    u.who.clinics = clinics_of(db, u.who.user_id);
    return u;
}

int revoke_tokens(write_context& ctx, std::int64_t user_id) {
    // Listed for the other shards of a fleet first: they check tokens without this table.
    add_user_revocations(ctx, user_id);
    SQLite::Statement revoke(ctx.db(), "UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND "
                                       "revoked_at IS NULL");
    revoke.bind(1, ctx.now());
    revoke.bind(2, static_cast<int64_t>(user_id));
    return revoke.exec();
}

void bind_digest(SQLite::Statement& s, int index, const token_digest& d) {
    s.bind(index, d.data(), static_cast<int>(d.size()));
}

} // namespace

domain::result<std::int64_t> save_user(write_context& ctx, const std::string& username,
                                       const std::string& password_hash, domain::role role,
                                       const std::vector<std::string>& clinics, bool replace) {
    auto& db = ctx.db();
    for (const auto& clues : clinics) {
        SQLite::Statement q(db, "SELECT 1 FROM clinics WHERE clues = ?");
        q.bind(1, clues);
        if (!q.executeStep())
            return domain::fail(domain::error_kind::not_found, "clinic_not_found",
                                "No existe la unidad " + clues + ".", "clinic");
    }
    std::int64_t id = 0;
    SQLite::Statement find(db, "SELECT id FROM users WHERE username = ?");
    find.bind(1, username);
    if (find.executeStep()) {
        if (!replace)
            return domain::fail(domain::error_kind::conflict, "user_exists",
                                "Ya existe el usuario «" + username + "».", "username");
        id = find.getColumn(0).getInt64();
        SQLite::Statement upd(db, "UPDATE users SET password_hash = ?, role = ?, updated_at = ?, "
                                  "disabled_at = NULL WHERE id = ?");
        upd.bind(1, password_hash);
        upd.bind(2, std::string(domain::to_string(role)));
        upd.bind(3, ctx.now());
        upd.bind(4, static_cast<int64_t>(id));
        upd.exec();
        SQLite::Statement del(db, "DELETE FROM user_clinics WHERE user_id = ?");
        del.bind(1, static_cast<int64_t>(id));
        del.exec();
        // A changed password or scope must not leave old sessions alive.
        revoke_tokens(ctx, id);
    } else {
        SQLite::Statement ins(db, "INSERT INTO users (username, password_hash, role, created_at, "
                                  "updated_at) VALUES (?, ?, ?, ?, ?)");
        ins.bind(1, username);
        ins.bind(2, password_hash);
        ins.bind(3, std::string(domain::to_string(role)));
        ins.bind(4, ctx.now());
        ins.bind(5, ctx.now());
        ins.exec();
        id = db.getLastInsertRowid();
    }
    SQLite::Statement scope(db, "INSERT INTO user_clinics (user_id, clues) VALUES (?, ?)");
    for (const auto& clues : clinics) {
        scope.bind(1, static_cast<int64_t>(id));
        scope.bind(2, clues);
        scope.exec();
        scope.reset();
    }
    // The audit payload names the account and scope, never the password hash.
    ctx.audit("user.saved", clinics.size() == 1 ? clinics.front() : "",
              {{"username", username}, {"role", domain::to_string(role)}, {"clinics", clinics}});
    return id;
}

std::optional<stored_user> find_user(SQLite::Database& db, const std::string& username) {
    SQLite::Statement q(db, "SELECT id, username, role, password_hash FROM users WHERE username = "
                            "? AND disabled_at IS NULL");
    q.bind(1, username);
    return read_user(db, q);
}

bool username_taken(SQLite::Database& db, const std::string& username) {
    SQLite::Statement q(db, "SELECT 1 FROM users WHERE username = ?");
    q.bind(1, username);
    return q.executeStep();
}

bool disable_user(write_context& ctx, std::int64_t user_id, const std::string& clues,
                  const std::string& reason) {
    SQLite::Statement upd(ctx.db(), "UPDATE users SET disabled_at = ?, updated_at = ? WHERE id = "
                                    "? AND disabled_at IS NULL RETURNING username");
    upd.bind(1, ctx.now());
    upd.bind(2, ctx.now());
    upd.bind(3, static_cast<int64_t>(user_id));
    if (!upd.executeStep())
        return false;
    auto username = upd.getColumn(0).getString();
    upd.reset();
    int revoked = revoke_tokens(ctx, user_id);
    ctx.audit("user.disabled", clues,
              {{"user_id", user_id},
               {"username", username},
               {"reason", reason},
               {"tokens_revoked", revoked}});
    return true;
}

void insert_token(write_context& ctx, std::int64_t user_id, const token_digest& digest,
                  const std::string& expires_at) {
    SQLite::Statement ins(ctx.db(), "INSERT INTO tokens (token_hash, user_id, created_at, "
                                    "expires_at) VALUES (?, ?, ?, ?)");
    bind_digest(ins, 1, digest);
    ins.bind(2, static_cast<int64_t>(user_id));
    ins.bind(3, ctx.now());
    ins.bind(4, expires_at);
    ins.exec();
    ctx.audit("auth.login", "", {{"user_id", user_id}});
}

std::optional<domain::principal> find_token(SQLite::Database& db, const token_digest& digest,
                                            const std::string& now) {
    SQLite::Statement q(db, "SELECT u.id, u.username, u.role, u.password_hash FROM tokens t "
                            "JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND "
                            "t.revoked_at IS NULL AND t.expires_at > ? AND u.disabled_at IS "
                            "NULL");
    bind_digest(q, 1, digest);
    q.bind(2, now);
    auto u = read_user(db, q);
    if (!u)
        return std::nullopt;
    return u->who;
}

bool revoke_token(write_context& ctx, const token_digest& digest) {
    SQLite::Statement upd(ctx.db(), "UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND "
                                    "revoked_at IS NULL RETURNING user_id, expires_at");
    upd.bind(1, ctx.now());
    bind_digest(upd, 2, digest);
    if (!upd.executeStep())
        return false;
    auto user_id = upd.getColumn(0).getInt64();
    auto expires = upd.getColumn(1).getString();
    upd.reset();
    add_revocation(ctx, digest, expires);
    ctx.audit("auth.logout", "", {{"user_id", user_id}});
    return true;
}

std::optional<domain::principal> find_shadow_user(SQLite::Database& db,
                                                  const std::string& username) {
    SQLite::Statement q(db, "SELECT id, username, role, password_hash FROM users WHERE username = "
                            "? AND disabled_at IS NULL");
    q.bind(1, username);
    auto u = read_user(db, q);
    if (!u)
        return std::nullopt;
    return u->who;
}

std::vector<std::string> local_clinics_among(SQLite::Database& db,
                                             const std::vector<std::string>& clinics) {
    std::vector<std::string> out;
    SQLite::Statement q(db, "SELECT 1 FROM clinics WHERE clues = ?");
    for (const auto& clues : clinics) {
        q.bind(1, clues);
        if (q.executeStep())
            out.push_back(clues);
        q.reset();
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::int64_t save_shadow_user(write_context& ctx, const std::string& username, domain::role role,
                              const std::vector<std::string>& clinics) {
    auto& db = ctx.db();
    auto local = local_clinics_among(db, clinics);
    std::int64_t id = 0;
    SQLite::Statement find(db, "SELECT id FROM users WHERE username = ?");
    find.bind(1, username);
    if (find.executeStep()) {
        id = find.getColumn(0).getInt64();
        auto now = clinics_of(db, id);
        SQLite::Statement role_now(db, "SELECT role FROM users WHERE id = ?");
        role_now.bind(1, static_cast<int64_t>(id));
        role_now.executeStep();
        if (now == local && role_now.getColumn(0).getString() == domain::to_string(role))
            return id; // another request made or refreshed it first
        SQLite::Statement upd(db, "UPDATE users SET role = ?, updated_at = ? WHERE id = ?");
        upd.bind(1, std::string(domain::to_string(role)));
        upd.bind(2, ctx.now());
        upd.bind(3, static_cast<int64_t>(id));
        upd.exec();
        SQLite::Statement del(db, "DELETE FROM user_clinics WHERE user_id = ?");
        del.bind(1, static_cast<int64_t>(id));
        del.exec();
    } else {
        // "!" is no argon2id hash: no password ever matches it, so the row cannot log in.
        SQLite::Statement ins(db, "INSERT INTO users (username, password_hash, role, created_at, "
                                  "updated_at) VALUES (?, '!', ?, ?, ?)");
        ins.bind(1, username);
        ins.bind(2, std::string(domain::to_string(role)));
        ins.bind(3, ctx.now());
        ins.bind(4, ctx.now());
        ins.exec();
        id = db.getLastInsertRowid();
    }
    SQLite::Statement scope(db, "INSERT INTO user_clinics (user_id, clues) VALUES (?, ?)");
    for (const auto& clues : local) {
        scope.bind(1, static_cast<int64_t>(id));
        scope.bind(2, clues);
        scope.exec();
        scope.reset();
    }
    ctx.audit("user.shadow_saved", local.size() == 1 ? local.front() : "",
              {{"username", username}, {"role", domain::to_string(role)}, {"clinics", local}});
    return id;
}

} // namespace asamblea::store
