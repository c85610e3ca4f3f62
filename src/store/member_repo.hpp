#pragma once
/// The COSABI's members in SQLite: the committee of each clinic and term (year), written when a
/// role's round closes or a ratification passes. Members are voided, never deleted.

#include "domain/committee_outcome.hpp"
#include "store/write_context.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {

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
    std::int64_t user_id = 0;     // that login, 0 without one
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

/// Voids the term's current members of `role` (of every role when empty); their ids.
std::vector<std::int64_t> void_members(write_context& ctx, const std::string& clues, int term,
                                       const std::string& role);

/// How a new member came to the committee.
struct member_origin {
    std::string clues;
    int term = 0;
    std::int64_t round_id = 0;
    std::string source; // "eleccion" or "ratificacion"
};
/// Adds a member; its id.
std::int64_t insert_member(write_context& ctx, const member_origin& origin,
                           const domain::committee_seat& seat);

/// The logins of these members that no current member holds any more (a ratified copy keeps
/// the login of the member it copies).
std::vector<std::int64_t> logins_without_member(SQLite::Database& db,
                                                const std::vector<std::int64_t>& member_ids);

/// Links a member to the committee login created for it.
void set_member_login(write_context& ctx, std::int64_t member_id, std::int64_t user_id);

} // namespace asamblea::store
