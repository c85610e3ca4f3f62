#pragma once
/// Staff accounts, their clinic scopes, and hashed bearer tokens.

#include "domain/error.hpp"
#include "domain/staff.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

using token_digest = std::array<unsigned char, 32>;

struct stored_user {
    domain::principal who;
    std::string password_hash;
};

/// Creates a user, or with `replace` updates the password, role and clinics of an existing one
/// (and enables it again if it was disabled). Fails with conflict when the user exists and
/// !replace, not_found for an unknown clinic.
domain::result<std::int64_t> save_user(write_context& ctx, const std::string& username,
                                       const std::string& password_hash, domain::role role,
                                       const std::vector<std::string>& clinics, bool replace);

/// An enabled user by name; a disabled one is not found, so it cannot log in.
std::optional<stored_user> find_user(SQLite::Database& db, const std::string& username);

/// Whether any user has the name, enabled or disabled: a name is never given to someone else.
bool username_taken(SQLite::Database& db, const std::string& username);

/// Disables a login and revokes its live tokens, audited with the reason (a code such as
/// "committee_member_replaced"); false when it was already disabled.
bool disable_user(write_context& ctx, std::int64_t user_id, const std::string& clues,
                  const std::string& reason);

void insert_token(write_context& ctx, std::int64_t user_id, const token_digest& digest,
                  const std::string& expires_at);

/// The enabled principal owning an unrevoked token that expires after `now`.
std::optional<domain::principal> find_token(SQLite::Database& db, const token_digest& digest,
                                            const std::string& now);

/// Marks the token revoked (and lists it in token_revocations for the other shards of a
/// fleet); false when it was unknown or already revoked.
bool revoke_token(write_context& ctx, const token_digest& digest);

/// A fleet token's holder on a shard that is not its home has a row here for attribution (the
/// FKs to users): the shadow `name@home`, which no password opens. Found by name, enabled.
std::optional<domain::principal> find_shadow_user(SQLite::Database& db,
                                                  const std::string& username);
/// The clinics of the list this shard has (a shadow's user_clinics can hold only those), sorted.
std::vector<std::string> local_clinics_among(SQLite::Database& db,
                                             const std::vector<std::string>& clinics);
/// Creates the shadow, or refreshes its role and clinics (those of this shard) when the
/// token's claims changed; audited. Returns its id.
std::int64_t save_shadow_user(write_context& ctx, const std::string& username, domain::role role,
                              const std::vector<std::string>& clinics);

} // namespace asamblea::store
