// The COSABI's use cases as a room runs them (tests/app/run_command.hpp), against a real store:
// nominations, the committee a role's round or a ratification writes, invitations and claims.
#include "app/assemblies.hpp"
#include "app/ballots.hpp"
#include "app/committee.hpp"
#include "app/rounds.hpp"
#include "check_in.hpp"
#include "domain/invitation.hpp"
#include "run_command.hpp"
#include "store/attendee_repo.hpp"
#include "store/ballot_keys.hpp"
#include "store/clinic_repo.hpp"
#include "store/invitation_repo.hpp"
#include "store/member_repo.hpp"
#include "store/nomination_repo.hpp"
#include "store/user_repo.hpp"
#include "test_dir.hpp"

#include <doctest/doctest.h>

using namespace asamblea;
using asamblea::test::run_command;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace committee_test {

namespace {

constexpr const char* clues = "CSIMB000001";
const std::string password = "una-clave-larga";

/// A clinic whose assembly of `edition` is en_sesion with `people` attendees holding credentials.
struct session {
    test_dir dir;
    store::store s{dir.str()};
    app::hot_state hot;
    std::vector<std::int64_t> attendees, credentials;
    app::nominator moderator{false, 0, 0};

    explicit session(int people) {
        REQUIRE(s.writer().run([](store::write_context& w) -> domain::status {
            store::upsert_clinics(w,
                                  {domain::clinic{clues, "Centro de Salud", "Chiapas", "Ocosingo",
                                                  "IMSS-BIENESTAR", 2, "UMF", 60000000}});
            return {};
        }));
        convene(2026, people);
    }

    /// A new edition in session with `people` new attendees (the earlier ones stay with theirs).
    void convene(int edition, int people) {
        REQUIRE(run_command(
            s, clues, hot,
            app::create_assembly({edition, std::to_string(edition) + "-02-21T17:00:00.000Z", 0})));
        REQUIRE(run_command(
            s, clues, hot,
            app::transition_assembly(domain::assembly_state::registro, s.ballot_keys())));
        auto id = hot.info().assembly_id;
        auto people_in = test::check_in(s, clues, id, people, std::to_string(edition) + "-");
        attendees = people_in.attendees;
        credentials = people_in.credentials;
        REQUIRE(run_command(
            s, clues, hot,
            app::transition_assembly(domain::assembly_state::en_sesion, s.ballot_keys())));
    }

    domain::result<app::nomination_event> nominate(int person, const std::string& role) {
        return run_command(s, clues, hot, app::nominate(moderator, attendees[person], role));
    }

    app::nominator self(int person) const { return {true, attendees[person], 0}; }

    void vote(int person, std::int64_t round_id, const std::vector<std::string>& choices) {
        auto tag = app::voter_tag(s.ballot_keys(), hot.info().assembly_id, attendees[person],
                                  round_id, hot.round_open());
        REQUIRE(tag);
        static int serial = 0;
        auto uid = "b" + std::to_string(++serial);
        REQUIRE(run_command(
            s, clues, hot,
            app::cast_ballot(*tag, credentials[person], round_id, uid, choices, "R-" + uid)));
    }

    /// Runs a round: open, everyone in `ballots` votes, close.
    void decide(std::int64_t round_id, const std::vector<std::pair<int, std::string>>& ballots) {
        REQUIRE(run_command(s, clues, hot, app::open_round(round_id, 0, false)));
        for (const auto& [person, choice] : ballots)
            vote(person, round_id, {choice});
        REQUIRE(run_command(s, clues, hot, app::close_round(round_id)));
    }

    /// `person` nominated for `role` and elected by one ballot; the role's round.
    std::int64_t elect(int person, const std::string& role) {
        REQUIRE(nominate(person, role));
        app::round_request r;
        r.kind = domain::round_kind::election;
        r.role = role;
        auto round = run_command(s, clues, hot, app::create_round(r));
        REQUIRE(round);
        decide(round->round_id, {{0, std::to_string(attendees[person])}});
        return round->round_id;
    }

    std::vector<store::member_row> committee(int term) {
        auto db = s.readers().acquire();
        return store::list_committee(*db, clues, term);
    }

    domain::result<app::invitation_event> invite(std::int64_t member_id) {
        return run_command(s, clues, hot, app::issue_invitation(member_id, 0, s.key()));
    }

    domain::result<app::claim_event> claim(const std::string& code, const std::string& username) {
        auto request = app::prepare_claim(s, clues, code, username, password);
        if (!request)
            return std::unexpected(request.error());
        return run_command(s, clues, hot, app::claim_invitation(std::move(*request)));
    }

    long long count(const std::string& sql) {
        auto db = s.readers().acquire();
        return db->execAndGet(sql).getInt64();
    }
};

} // namespace

TEST_CASE("nominations: the person only for themselves, once per role, while present") {
    session room(4);
    auto own = run_command(room.s, clues, room.hot,
                           app::nominate(room.self(0), room.attendees[0], "presidencia"));
    REQUIRE(own);
    CHECK(own->event > 0);
    CHECK(room.nominate(0, "presidencia").error().code == "already_nominated");
    CHECK(room.nominate(0, "vocalia")); // another role is fine
    CHECK(room.nominate(1, "presidencia"));
    // An attendee id no one has (not an index past the vector: that read garbage and, once in CI,
    // a real attendee).
    CHECK(run_command(room.s, clues, room.hot, app::nominate(room.moderator, 999999, "tesoreria"))
              .error()
              .code == "not_found");

    REQUIRE(room.s.writer().run([&](store::write_context& w) -> domain::status {
        store::revoke_credentials(w, clues, room.hot.info().assembly_id, room.attendees[2]);
        return {};
    }));
    CHECK(room.nominate(2, "tesoreria").error().code == "not_present");

    // Withdrawing: the person only their own, once.
    auto other = room.nominate(3, "tesoreria");
    REQUIRE(other);
    CHECK(run_command(room.s, clues, room.hot, app::withdraw_nomination(room.self(0), other->event))
              .error()
              .code == "not_yours");
    REQUIRE(
        run_command(room.s, clues, room.hot, app::withdraw_nomination(room.self(0), own->event)));
    CHECK(run_command(room.s, clues, room.hot, app::withdraw_nomination(room.moderator, own->event))
              .error()
              .code == "already_withdrawn");
    CHECK(run_command(room.s, clues, room.hot, app::withdraw_nomination(room.moderator, 999999))
              .error()
              .code == "nomination_not_found");
    CHECK(room.count("SELECT count(*) FROM audit_events WHERE type = 'nomination.created'") == 4);
    CHECK(room.count("SELECT count(*) FROM audit_events WHERE type = 'nomination.withdrawn'") == 1);

    // Only while the assembly is in registro or en_sesion.
    REQUIRE(run_command(
        room.s, clues, room.hot,
        app::transition_assembly(domain::assembly_state::suspendida, room.s.ballot_keys())));
    CHECK(room.nominate(3, "presidencia").error().code == "wrong_state");
}

TEST_CASE("a pending role round fixes its candidates, with one wording everywhere") {
    session room(3);
    auto first = room.nominate(0, "presidencia");
    REQUIRE(first);
    REQUIRE(room.nominate(1, "presidencia"));
    app::round_request r;
    r.kind = domain::round_kind::election;
    r.role = "presidencia";
    auto round = run_command(room.s, clues, room.hot, app::create_round(r));
    REQUIRE(round);

    auto again = run_command(room.s, clues, room.hot, app::create_round(r));
    auto late = room.nominate(2, "presidencia");
    auto gone = run_command(room.s, clues, room.hot,
                            app::withdraw_nomination(room.moderator, first->event));
    REQUIRE_FALSE(again);
    REQUIRE_FALSE(late);
    REQUIRE_FALSE(gone);
    CHECK(again.error().code == "role_round_pending");
    CHECK(late.error().code == "role_round_pending");
    CHECK(late.error().message == again.error().message);
    CHECK(gone.error().message == again.error().message);
    CHECK(room.nominate(2, "tesoreria")); // other roles still take nominations

    // Once the round is cancelled the role is free again.
    REQUIRE(run_command(room.s, clues, room.hot, app::cancel_round(round->round_id)));
    CHECK(room.nominate(2, "presidencia"));
}

TEST_CASE("a role's final result becomes the committee; its members stand for no other role") {
    session room(3);
    auto round = room.elect(1, "tesoreria");
    auto members = room.committee(2026);
    REQUIRE(members.size() == 1);
    CHECK(members[0].role == "tesoreria");
    CHECK(members[0].nombre == "Persona 1");
    CHECK(members[0].attendee_id == room.attendees[1]);
    CHECK(members[0].source == "eleccion");
    CHECK(members[0].round_id == round);
    CHECK(room.count("SELECT count(*) FROM audit_events WHERE type = 'committee.elected'") == 1);

    CHECK(room.nominate(1, "presidencia").error().code == "already_elected");
    // The same rule as a role round's candidates: a member may stand again for the same role.
    auto nominations = [&] {
        auto db = room.s.readers().acquire();
        return store::list_nominations(*db, room.hot.info().assembly_id, "tesoreria");
    }();
    REQUIRE(nominations.size() == 1);
    REQUIRE(run_command(room.s, clues, room.hot,
                        app::withdraw_nomination(room.moderator, nominations[0].id)));
    CHECK(room.nominate(1, "tesoreria"));
}

TEST_CASE("an invitation: made by the command, stored hashed, claimed once for a login") {
    session room(3);
    room.elect(1, "tesoreria");
    auto member = room.committee(2026).at(0);
    CHECK(room.invite(999999).error().code == "member_not_found");

    auto first = room.invite(member.id);
    REQUIRE(first);
    CHECK(first->code.size() == domain::invitation_code_length);
    CHECK(domain::parse_invitation_code(first->code) == first->code);
    auto second = room.invite(member.id);
    REQUIRE(second);
    CHECK(second->code != first->code);
    CHECK(room.count("SELECT count(*) FROM committee_invitations WHERE code_hash = '" +
                     second->code + "'") == 0);
    CHECK(room.count("SELECT count(*) FROM committee_invitations WHERE voided_at IS NULL") == 1);

    CHECK(room.claim(first->code, "tesorera").error().code == "invitation_used");
    CHECK(room.claim("2345678ABCDE", "tesorera").error().code == "invitation_not_found");
    REQUIRE(room.s.writer().run([](store::write_context& w) -> domain::status {
        auto taken = store::save_user(w, "ocupada", "x", domain::role::moderator, {clues}, false);
        return taken ? domain::status{} : std::unexpected(taken.error());
    }));
    CHECK(room.claim(second->code, "ocupada").error().code == "user_exists");

    auto claimed = room.claim(second->code, "tesorera");
    REQUIRE(claimed);
    CHECK(claimed->member_id == member.id);
    CHECK(claimed->user_id > 0);
    CHECK(room.committee(2026).at(0).has_account);
    CHECK(room.claim(second->code, "otra").error().code == "invitation_used");
    CHECK(room.invite(member.id).error().code == "has_account");
    CHECK(room.count("SELECT count(*) FROM audit_events WHERE type = "
                     "'committee.account_created'") == 1);
}

TEST_CASE("an expired code is refused before the password is hashed and inside the write") {
    session room(2);
    room.elect(1, "tesoreria");
    auto member = room.committee(2026).at(0);
    auto issued = room.invite(member.id);
    REQUIRE(issued);
    auto request = app::prepare_claim(room.s, clues, issued->code, "tesorera", password);
    REQUIRE(request);
    // The code expires between the first check and the write: the write refuses it.
    REQUIRE(room.s.writer().run([](store::write_context& w) -> domain::status {
        w.db().exec("UPDATE committee_invitations SET expires_at = '2000-01-01T00:00:00.000Z'");
        return {};
    }));
    auto claim = app::claim_invitation(std::move(*request));
    claim.prepare = [](app::scope&) -> domain::result<app::claim_event> {
        return app::claim_event{}; // as if prepared before the expiry
    };
    CHECK(run_command(room.s, clues, room.hot, std::move(claim)).error().code ==
          "invitation_expired");
    CHECK(room.claim(issued->code, "tesorera").error().code == "invitation_expired");
    CHECK(room.count("SELECT count(*) FROM users WHERE username = 'tesorera'") == 0);
}

TEST_CASE("a replaced member loses an unused code, and a login that no member holds any more") {
    session room(4);
    room.elect(1, "tesoreria");
    auto code = room.invite(room.committee(2026).at(0).id);
    REQUIRE(code);
    REQUIRE(room.claim(code->code, "tesorera"));
    room.elect(2, "presidencia");
    auto pending = room.invite(room.committee(2026).at(0).id);
    REQUIRE(pending);

    room.elect(3, "tesoreria");
    CHECK(room.count("SELECT count(*) FROM audit_events WHERE type = 'user.disabled'") == 1);
    {
        auto db = room.s.readers().acquire();
        CHECK_FALSE(store::find_user(*db, "tesorera"));
    }
    room.elect(0, "presidencia");
    CHECK(room.claim(pending->code, "presidenta").error().code == "invitation_used");
    auto now = room.committee(2026);
    REQUIRE(now.size() == 2);
    CHECK(now[0].nombre == "Persona 0");
    CHECK(now[1].nombre == "Persona 3");
}

TEST_CASE("a passed ratification copies the previous committee with its logins") {
    session room(2);
    room.elect(1, "tesoreria");
    auto treasurer = room.committee(2026).at(0);
    auto code = room.invite(treasurer.id);
    REQUIRE(code);
    auto claimed = room.claim(code->code, "tesorera");
    REQUIRE(claimed);
    REQUIRE(run_command(
        room.s, clues, room.hot,
        app::transition_assembly(domain::assembly_state::cerrada, room.s.ballot_keys())));

    room.convene(2027, 2);
    app::round_request motion;
    motion.kind = domain::round_kind::motion;
    motion.ratify_committee = true;
    auto ratification = run_command(room.s, clues, room.hot, app::create_round(motion));
    REQUIRE(ratification);
    room.decide(ratification->round_id, {{0, "si"}, {1, "si"}});
    auto kept = room.committee(2027);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].source == "ratificacion");
    CHECK(kept[0].nombre == "Persona 1");
    CHECK(kept[0].round_id == ratification->round_id);
    CHECK(kept[0].user_id == claimed->user_id);
    CHECK(room.committee(2026).size() == 1); // the earlier term stays as it was
    CHECK(room.count("SELECT count(*) FROM audit_events WHERE type = 'committee.ratified'") == 1);
    CHECK(room.count("SELECT count(*) FROM audit_events WHERE type = 'user.disabled'") == 0);
}

} // namespace committee_test
