#pragma once
/// Revoked tokens (table token_revocations), by the sha256 of the token, for the other shards
/// of a fleet to pull (GET /api/fleet/revocations). Rows go when their token would have expired.

#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::store {

struct revocation_row {
    std::int64_t seq = 0;
    std::string token_hash_hex; // sha256 of the token, lower-case hex
    std::string expires_at;     // format_utc
};

/// Records one revoked token (and drops rows whose token has expired).
void add_revocation(write_context& ctx, const std::array<unsigned char, 32>& token_hash,
                    const std::string& expires_at);
/// Records every live token of the user as revoked, before user_repo marks them revoked.
void add_user_revocations(write_context& ctx, std::int64_t user_id);
/// Unexpired rows after `since`, in seq order, at most `limit`.
std::vector<revocation_row> revocations_since(SQLite::Database& db, std::int64_t since,
                                              std::size_t limit, const std::string& now);

} // namespace asamblea::store
