#pragma once
/// COSABI invitation codes in SQLite: one-time codes that let an elected member create a
/// committee login, stored as keyed hashes only (computed by the caller with the store's key).
/// Every write is audited; the chain records that a code was issued, never the code.

#include "domain/error.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace asamblea::store {

struct invitation_row {
    std::int64_t id = 0;
    std::int64_t member_id = 0;
    std::string clues;
    bool open = false; // neither claimed nor voided, and the member is still on the committee
    bool claimed = false;
    std::string expires_at; // UTC ISO 8601, like every stored time: compares as text
};

/// Voids the member's unused invitation codes; how many there were.
int void_open_invitations(write_context& ctx, std::int64_t member_id);

/// Stores a new code for the member, expiring `lifetime` after now (fixed at issue time, so a
/// later change of the lifetime does not move it); `replaced` says an earlier code was voided.
/// Conflict code_collision when the hash is already taken.
domain::status insert_invitation(write_context& ctx, const std::string& clues,
                                 std::int64_t member_id, const std::string& code_hash,
                                 std::int64_t issued_by, std::chrono::seconds lifetime,
                                 bool replaced);

/// The clinic's invitation with that code hash; another clinic's is not found, so codes cannot
/// be probed across clinics.
std::optional<invitation_row> find_invitation(SQLite::Database& db, const std::string& clues,
                                              const std::string& code_hash);

/// Burns the invitation for the new user.
void mark_claimed(write_context& ctx, const invitation_row& invitation, std::int64_t user_id,
                  const std::string& username);

} // namespace asamblea::store
