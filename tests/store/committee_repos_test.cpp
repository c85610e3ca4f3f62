// The COSABI's repositories write what they are told: members voided by term and role (never
// deleted), the logins no current member holds, invitation codes and their claim.
#include "domain/committee.hpp"
#include "store/assembly_repo.hpp"
#include "store/clinic_repo.hpp"
#include "store/clock.hpp"
#include "store/invitation_repo.hpp"
#include "store/member_repo.hpp"
#include "store/round_repo.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"
#include "test_dir.hpp"

#include <doctest/doctest.h>

using namespace asamblea;
using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace committee_repos_test {

namespace {

constexpr const char* clues = "CSIMB000001";

/// A clinic with a 2026 assembly, one round to hang members on, and a committee login.
struct committee_store {
    test_dir dir;
    store::store s{dir.str()};
    std::int64_t round_id = 0, user_id = 0;

    committee_store() {
        REQUIRE(s.writer().run([&](write_context& w) -> domain::status {
            upsert_clinics(w, {domain::clinic{clues, "Centro", "Chiapas", "Ocosingo",
                                              "IMSS-BIENESTAR", 2, "UMF", 60000000}});
            auto a = create_assembly(w, clues, 2026, "2026-02-21T17:00:00.000Z", 0);
            auto spec = domain::make_round_spec(domain::make_ratification("", 2025));
            if (!spec)
                return std::unexpected(spec.error());
            round_id = create_round(w, a, clues, *spec);
            auto user = save_user(w, "tesorera", "x", domain::role::committee, {clues}, false);
            if (!user)
                return std::unexpected(user.error());
            user_id = *user;
            return {};
        }));
    }

    std::int64_t add(int term, const domain::committee_seat& seat) {
        std::int64_t id = 0;
        REQUIRE(s.writer().run([&](write_context& w) -> domain::status {
            id = insert_member(w, {clues, term, round_id, "eleccion"}, seat);
            return {};
        }));
        return id;
    }
};

} // namespace

TEST_CASE(
    "members are voided by term and role, and a login is orphaned only when nobody holds it") {
    committee_store cs;
    auto treasurer = cs.add(2026, {"tesoreria", 1, "Ana", "mujer", 0, 0, cs.user_id});
    auto president = cs.add(2026, {"presidencia", 1, "Rosa", "mujer", 0, 0, 0});
    auto copy = cs.add(2027, {"tesoreria", 1, "Ana", "mujer", 0, treasurer, cs.user_id});
    {
        auto db = cs.s.readers().acquire();
        CHECK(latest_term(*db, clues) == 2027);
        CHECK(latest_term(*db, clues, 2026) == 2026);
        auto members = list_committee(*db, clues, 2026);
        REQUIRE(members.size() == 2);
        CHECK(members[0].id == president); // presidencia comes first
        CHECK(members[1].user_id == cs.user_id);
        CHECK(members[1].has_account);
    }
    std::vector<std::int64_t> voided, voided_copies;
    REQUIRE(cs.s.writer().run([&](write_context& w) -> domain::status {
        voided = void_members(w, clues, 2026, "tesoreria");
        return {};
    }));
    CHECK(voided == std::vector<std::int64_t>{treasurer});
    auto db = cs.s.readers().acquire();
    CHECK_FALSE(find_member(*db, clues, treasurer));
    CHECK(find_member(*db, clues, president));
    CHECK(db->execAndGet("SELECT count(*) FROM committee_members").getInt() == 3); // kept
    // The 2027 copy still holds the login.
    CHECK(logins_without_member(*db, voided).empty());
    REQUIRE(cs.s.writer().run([&](write_context& w) -> domain::status {
        voided_copies = void_members(w, clues, 2027, "");
        return {};
    }));
    CHECK(voided_copies == std::vector<std::int64_t>{copy});
    CHECK(logins_without_member(*db, voided) == std::vector<std::int64_t>{cs.user_id});
}

TEST_CASE("invitations: one hash per code, found only at their clinic, voided and claimed") {
    committee_store cs;
    auto member = cs.add(2026, {"tesoreria", 1, "Ana", "mujer", 0, 0, 0});
    int replaced = -1;
    REQUIRE(cs.s.writer().run([&](write_context& w) -> domain::status {
        replaced = void_open_invitations(w, member);
        return insert_invitation(w, clues, member, "hash-1", 0, std::chrono::hours(1), false);
    }));
    CHECK(replaced == 0);
    auto collision = cs.s.writer().run([&](write_context& w) -> domain::status {
        return insert_invitation(w, clues, member, "hash-1", 0, std::chrono::hours(1), false);
    });
    REQUIRE_FALSE(collision);
    CHECK(collision.error().code == "code_collision");
    auto db = cs.s.readers().acquire();
    auto found = find_invitation(*db, clues, "hash-1");
    REQUIRE(found);
    CHECK(found->open);
    CHECK(found->member_id == member);
    CHECK(found->expires_at > utc_now());
    CHECK_FALSE(find_invitation(*db, "CSIMB000002", "hash-1"));

    REQUIRE(cs.s.writer().run([&](write_context& w) -> domain::status {
        replaced = void_open_invitations(w, member);
        return insert_invitation(w, clues, member, "hash-2", 0, std::chrono::hours(1), true);
    }));
    CHECK(replaced == 1);
    CHECK_FALSE(find_invitation(*db, clues, "hash-1")->open);
    auto second = find_invitation(*db, clues, "hash-2");
    REQUIRE(second);
    REQUIRE(cs.s.writer().run([&](write_context& w) -> domain::status {
        mark_claimed(w, *second, cs.user_id, "tesorera");
        set_member_login(w, member, cs.user_id);
        return {};
    }));
    CHECK(find_invitation(*db, clues, "hash-2")->claimed);
    CHECK_FALSE(find_invitation(*db, clues, "hash-2")->open);
    CHECK(find_member(*db, clues, member)->has_account);
    CHECK(db->execAndGet("SELECT count(*) FROM audit_events WHERE type = "
                         "'committee.invitation_issued'")
              .getInt() == 2);
}

} // namespace committee_repos_test
