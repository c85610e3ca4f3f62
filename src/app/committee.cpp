#include "app/committee.hpp"

#include "app/rounds.hpp"
#include "domain/committee.hpp"
#include "domain/invitation.hpp"
#include "store/attendee_repo.hpp"
#include "store/clock.hpp"
#include "store/invitation_repo.hpp"
#include "store/member_repo.hpp"
#include "store/nomination_repo.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"

namespace asamblea::app {
namespace {

using domain::error_kind;

domain::status check_nomination(SQLite::Database& db, const store::assembly_row& a,
                                std::int64_t attendee_id, const std::string& role) {
    if (auto ok = domain::require_nominations_open(a.state); !ok)
        return ok;
    auto person = store::find_attendee(db, a.id, attendee_id);
    if (!person)
        return domain::fail(error_kind::not_found, "not_found",
                            "No existe ese asistente en esta asamblea.", "attendee_id");
    auto held = store::role_held(db, a.clues, a.edition, attendee_id);
    if (auto ok = domain::check_may_stand(person->credential_status == "activa", held, role); !ok)
        return ok;
    return no_pending_role_round(db, a.id, role);
}

domain::error already_withdrawn() {
    return {error_kind::conflict, "already_withdrawn", "Esa postulación ya se había retirado.", "",
            0};
}

domain::status check_withdrawal(SQLite::Database& db, const store::assembly_row& a,
                                const nominator& who, std::int64_t id) {
    if (a.state == domain::assembly_state::cerrada)
        return domain::fail(error_kind::conflict, "wrong_state", "La asamblea ya se cerró.");
    auto n = store::find_nomination(db, a.id, id);
    if (!n)
        return domain::fail(error_kind::not_found, "nomination_not_found",
                            "No existe esa postulación.");
    if (who.self && n->attendee_id != who.attendee_id)
        return domain::fail(error_kind::forbidden, "not_yours",
                            "Solo puede retirar su propia postulación.");
    if (!n->withdrawn_at.empty())
        return std::unexpected(already_withdrawn());
    return no_pending_role_round(db, a.id, n->role);
}

// 12 symbols, each uniform over the 32-symbol alphabet: 60 bits.
std::string new_invitation_code() {
    return (store::random_code() + store::random_code()).substr(0, domain::invitation_code_length);
}

// Codes are stored and looked up only by this keyed hash.
std::string invitation_hash(const store::secret_key& key, const std::string& code) {
    return store::keyed_hash_hex(key, "committee-invitation:" + code);
}

domain::status check_invitable(const std::optional<store::member_row>& member) {
    if (!member)
        return domain::fail(error_kind::not_found, "member_not_found",
                            "Esa persona no está en el COSABI vigente.");
    if (member->has_account)
        return domain::fail(error_kind::conflict, "has_account",
                            "Esta persona ya creó su cuenta del COSABI.");
    return {};
}

// Everything a claim needs, before the password is hashed and again inside the write.
domain::result<store::invitation_row> check_claim(SQLite::Database& db, const std::string& clues,
                                                  const claim_request& request,
                                                  const std::string& now) {
    // Another clinic's code is not found either: codes cannot be probed across clinics.
    auto invitation = store::find_invitation(db, clues, request.code_hash);
    if (!invitation)
        return domain::fail(error_kind::not_found, "invitation_not_found",
                            "Ese código de invitación no existe en esta unidad. Revise el código y "
                            "la unidad (CLUES) del papel que le dieron.",
                            "code");
    if (auto ok = domain::check_claimable(invitation->open, invitation->expires_at, now); !ok)
        return std::unexpected(ok.error());
    // A disabled login keeps its name: accounts are never reused by someone else.
    if (store::username_taken(db, request.username))
        return domain::fail(error_kind::conflict, "user_exists",
                            "Ya existe el usuario «" + request.username + "». Elija otro.",
                            "username");
    return *invitation;
}

} // namespace

command<nomination_event> nominate(nominator who, std::int64_t attendee_id, std::string role) {
    return assembly_command<std::int64_t>(
        [attendee_id, role](SQLite::Database& db, const store::assembly_row& a) {
            return check_nomination(db, a, attendee_id, role);
        },
        nullptr,
        [who, attendee_id, role](store::write_context& w, const store::assembly_row& a,
                                 std::int64_t& nomination_id) -> domain::status {
            auto id = store::insert_nomination(w, a.clues, a.id, attendee_id, role, who.self,
                                               who.user_id);
            if (!id)
                return std::unexpected(id.error());
            nomination_id = *id;
            return {};
        });
}

command<nomination_event> withdraw_nomination(nominator who, std::int64_t nomination_id) {
    return assembly_command<std::int64_t>(
        [who, nomination_id](SQLite::Database& db, const store::assembly_row& a) {
            return check_withdrawal(db, a, who, nomination_id);
        },
        nullptr,
        [who, nomination_id](store::write_context& w, const store::assembly_row& a,
                             std::int64_t& id) -> domain::status {
            if (!store::withdraw_nomination(w, a.clues, a.id, nomination_id, who.self))
                return std::unexpected(already_withdrawn());
            id = nomination_id;
            return {};
        });
}

command<invitation_event> issue_invitation(std::int64_t member_id, std::int64_t issued_by,
                                           const store::secret_key& key) {
    return {
        .prepare = [member_id](scope& s) -> domain::result<invitation_event> {
            if (auto ok = check_invitable(store::find_member(s.db(), s.clues, member_id)); !ok)
                return std::unexpected(ok.error());
            return invitation_event{member_id, new_invitation_code()};
        },
        .persist = [issued_by, &key](store::write_context& w, const std::string& clues,
                                     invitation_event& ev) -> domain::status {
            if (auto ok = check_invitable(store::find_member(w.db(), clues, ev.member_id)); !ok)
                return ok;
            // One code at a time: a new one voids the member's unused earlier one.
            bool replaced = store::void_open_invitations(w, ev.member_id) > 0;
            return store::insert_invitation(
                w, clues, ev.member_id, invitation_hash(key, ev.code), issued_by,
                std::chrono::duration_cast<std::chrono::seconds>(domain::invitation_lifetime),
                replaced);
        },
    };
}

domain::result<claim_request> prepare_claim(store::store& s, const std::string& clues,
                                            const std::string& code, const std::string& username,
                                            const std::string& password) {
    claim_request request{invitation_hash(s.key(), code), username, ""};
    {
        auto db = s.readers().acquire();
        if (auto ok = check_claim(*db, clues, request, store::utc_now()); !ok)
            return std::unexpected(ok.error());
    }
    request.password_hash = store::hash_password(password);
    return request;
}

command<claim_event> claim_invitation(claim_request request) {
    return {
        .prepare = [request](scope& s) -> domain::result<claim_event> {
            auto invitation = check_claim(s.db(), s.clues, request, store::utc_now());
            if (!invitation)
                return std::unexpected(invitation.error());
            return claim_event{0, invitation->member_id};
        },
        .persist = [request](store::write_context& w, const std::string& clues,
                             claim_event& ev) -> domain::status {
            auto invitation = check_claim(w.db(), clues, request, w.now());
            if (!invitation)
                return std::unexpected(invitation.error());
            auto user = store::save_user(w, request.username, request.password_hash,
                                         domain::role::committee, {clues}, false);
            if (!user)
                return std::unexpected(user.error());
            store::mark_claimed(w, *invitation, *user, request.username);
            store::set_member_login(w, invitation->member_id, *user);
            ev = {*user, invitation->member_id};
            return {};
        },
    };
}

std::vector<int> committee_terms(SQLite::Database& db, const std::string& clues) {
    std::vector<int> terms;
    for (int up_to = 0;;) {
        auto t = store::latest_term(db, clues, up_to);
        if (!t)
            break;
        terms.push_back(*t);
        up_to = *t - 1;
        if (up_to < 2000)
            break;
    }
    return terms;
}

} // namespace asamblea::app
