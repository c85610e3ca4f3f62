#pragma once
/// Use cases of the COSABI outside its rounds: nominations (by the person from the phone, or by
/// the moderator), the one-time invitation code that lets an elected member create a committee
/// login, and its claim. Role elections and ratifications are rounds (app/rounds.hpp).

#include "app/assembly_command.hpp"
#include "store/assembly_repo.hpp"
#include "store/crypto.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::store {
class store;
}

namespace asamblea::app {

/// Who acts on a nomination: the person from the phone (only for themselves), or a moderator.
struct nominator {
    bool self = false;
    std::int64_t attendee_id = 0; // self: the voter's own
    std::int64_t user_id = 0;     // otherwise: the moderator's
};

/// What a nomination command carries: the assembly it was prepared against, and (as its event)
/// the nomination's id.
using nomination_event = on_assembly<std::int64_t>;

/// Nominates an attendee of the current assembly for a role: only in registro or en_sesion,
/// someone who may stand for it (domain::check_may_stand), while no round of the role is pending.
command<nomination_event> nominate(nominator who, std::int64_t attendee_id, std::string role);

/// Withdraws a nomination (the person only their own) before the assembly closes, while no round
/// of its role is pending.
command<nomination_event> withdraw_nomination(nominator who, std::int64_t nomination_id);

/// What issuing an invitation carries: the code to show once (never stored nor audited).
struct invitation_event {
    std::int64_t member_id = 0;
    std::string code;
};

/// Issues a new invitation code for a current member without a login, voiding an unused earlier
/// one. The code is made here; only its keyed hash is stored.
command<invitation_event> issue_invitation(std::int64_t member_id, std::int64_t issued_by,
                                           const store::secret_key& key);

/// A claim checked once and ready to run, the password already hashed.
struct claim_request {
    std::string code_hash;
    std::string username;
    std::string password_hash;
};

/// On the caller's thread, never a room's strand (argon2id is slow by design): the code is this
/// clinic's and claimable now, the username free; then the password is hashed. `code` is
/// already normalized (domain::parse_invitation_code).
domain::result<claim_request> prepare_claim(store::store& s, const std::string& clues,
                                            const std::string& code, const std::string& username,
                                            const std::string& password);

struct claim_event {
    std::int64_t user_id = 0;
    std::int64_t member_id = 0;
};

/// Creates the committee login of the invitation's member and burns the code; every check of
/// prepare_claim is made again inside the write.
command<claim_event> claim_invitation(claim_request request);

/// The terms (years) with a committee, newest first.
std::vector<int> committee_terms(SQLite::Database& db, const std::string& clues);

} // namespace asamblea::app
