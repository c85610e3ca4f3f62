#pragma once
/// The COSABI in SQLite: nominations per assembly, the elected committee per clinic and term, and
/// one-time invitation codes (keyed hashes only, computed by the caller with the store's key).
/// Every write is audited.

#include "domain/error.hpp"
#include "domain/round.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

struct round_row;

struct nomination_row {
    std::int64_t id = 0;
    std::int64_t assembly_id = 0;
    std::int64_t attendee_id = 0;
    std::string role;
    std::string nombre;
    std::string sexo;
    std::string nominated_by; // "self" or "moderator"
    std::string created_at;
    std::string withdrawn_at; // empty while active
    std::string withdrawn_by;
    bool present = false; // the attendee still holds an active credential
};

/// Nominates an attendee; conflict already_nominated when an active nomination exists.
domain::result<std::int64_t> insert_nomination(write_context& ctx, const std::string& clues,
                                               std::int64_t assembly_id, std::int64_t attendee_id,
                                               const std::string& role, bool self,
                                               std::int64_t user_id);

/// Withdraws an active nomination; conflict already_withdrawn otherwise.
domain::status withdraw_nomination(write_context& ctx, const std::string& clues,
                                   std::int64_t assembly_id, std::int64_t id, bool self);

std::optional<nomination_row> find_nomination(SQLite::Database& db, std::int64_t assembly_id,
                                              std::int64_t id);
/// Active nominations of the assembly, by role and then name; `role` filters when not empty.
std::vector<nomination_row> list_nominations(SQLite::Database& db, std::int64_t assembly_id,
                                             const std::string& role = {});

struct member_row {
    std::int64_t id = 0;
    std::string clues;
    int term = 0;
    std::string role;
    int seat = 1;
    std::string nombre;
    std::string sexo;
    std::int64_t attendee_id = 0; // 0 when unknown
    std::int64_t round_id = 0;    // the election, or the ratification motion
    std::string source;           // "eleccion" or "ratificacion"
    std::string elected_at;
    bool revealed = false;        // the deciding round's result is public
    bool has_account = false;     // a committee login exists for this member
    bool invitation_open = false; // an unused invitation code is out (it may have expired)
    std::string invitation_issued_at;
    std::string invitation_expires_at;
};

/// The newest term (year) with a committee, at most `up_to` (0: any).
std::optional<int> latest_term(SQLite::Database& db, const std::string& clues, int up_to = 0);
/// The committee of a term, by role order and seat; voided members are left out.
std::vector<member_row> list_committee(SQLite::Database& db, const std::string& clues, int term);
std::optional<member_row> find_member(SQLite::Database& db, const std::string& clues,
                                      std::int64_t id);
/// The role an attendee of this term already holds by election, if any.
std::optional<std::string> role_held(SQLite::Database& db, const std::string& clues, int term,
                                     std::int64_t attendee_id);

/// Inside close_round: a role's final result replaces that role's members of the term (the
/// assembly's edition); a passed ratification copies the previous committee into the term. A
/// replaced member's committee login that no longer belongs to any member is disabled.
void apply_committee_outcome(write_context& ctx, const std::string& clues, const round_row& round,
                             const domain::round_result& result);

/// How long an invitation code can be claimed after it is issued: long enough to reach a
/// member who was not at the table, short enough that a lost paper slip stops being useful.
inline constexpr std::chrono::hours invitation_lifetime{24 * 7};

/// Issues an invitation that expires after invitation_lifetime, voiding an unused earlier one.
/// conflict has_account when the member already has a login; not_found for an unknown or replaced
/// member.
domain::status issue_invitation(write_context& ctx, const std::string& clues,
                                std::int64_t member_id, const std::string& code_hash,
                                std::int64_t issued_by);

struct invitation_row {
    std::int64_t id = 0;
    std::int64_t member_id = 0;
    std::string clues;
    bool open = false; // neither claimed nor voided, and the member is still on the committee
    bool claimed = false;
    std::string expires_at; // UTC ISO 8601, like every stored time: compares as text
};
/// The clinic's invitation with that code hash; another clinic's is not found, so codes cannot
/// be probed across clinics.
std::optional<invitation_row> find_invitation(SQLite::Database& db, const std::string& clues,
                                              const std::string& code_hash);

/// Whether the invitation can still be claimed at `now`: conflict invitation_used when it is no
/// longer open, invitation_expired when its lifetime has ended.
domain::status check_claimable(const invitation_row& invitation, const std::string& now);

/// Burns the invitation for the new user and links the member; fails as check_claimable does at
/// the batch's time.
domain::status claim_invitation(write_context& ctx, std::int64_t invitation_id,
                                std::int64_t user_id, const std::string& username);

} // namespace asamblea::store
