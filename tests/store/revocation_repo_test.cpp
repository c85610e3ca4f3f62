// Revoked tokens listed for the other shards of a fleet (token_revocations), and the shadow rows
// that stand for the holders of another shard's tokens.
#include "store/clinic_repo.hpp"
#include "store/clock.hpp"
#include "store/crypto.hpp"
#include "store/revocation_repo.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"
#include "test_dir.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <functional>

using namespace asamblea;
using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace revocation_repo_test {

namespace {

constexpr const char* far_future = "2999-01-01T00:00:00.000Z";

struct token_store {
    test_dir dir;
    store::store s{dir.str()};
    std::int64_t user_id = 0;

    token_store() {
        REQUIRE(s.writer().run([&](write_context& w) -> domain::status {
            upsert_clinics(w, {domain::clinic{"CSIMB000001", "Centro", "Chiapas", "Ocosingo",
                                              "IMSS-BIENESTAR", 2, "UMF", 60000000}});
            auto user = save_user(w, "ana", "x", domain::role::moderator, {"CSIMB000001"}, false);
            if (!user)
                return std::unexpected(user.error());
            user_id = *user;
            return {};
        }));
    }

    void write(const std::function<void(write_context&)>& f) {
        REQUIRE(s.writer().run([&](write_context& w) -> domain::status {
            f(w);
            return {};
        }));
    }

    std::vector<revocation_row> since(std::int64_t seq, std::size_t limit = 100) {
        auto db = s.readers().acquire();
        return revocations_since(*db, seq, limit, utc_now());
    }

    int audits(const std::string& type) {
        auto db = s.readers().acquire();
        SQLite::Statement q(*db, "SELECT count(*) FROM audit_events WHERE type = ?");
        q.bind(1, type);
        q.executeStep();
        return q.getColumn(0).getInt();
    }
};

} // namespace

TEST_CASE("a logout and a disabled login list their live tokens, in seq order, until expiry") {
    token_store t;
    t.write([&](write_context& w) {
        insert_token(w, t.user_id, sha256("uno"), far_future);
        insert_token(w, t.user_id, sha256("dos"), far_future);
        insert_token(w, t.user_id, sha256("viejo"), "2000-01-01T00:00:00.000Z");
    });
    CHECK(t.since(0).empty());
    t.write([&](write_context& w) { CHECK(revoke_token(w, sha256("uno"))); });
    auto first = t.since(0);
    REQUIRE(first.size() == 1);
    CHECK(first[0].token_hash_hex == sha256_hex("uno"));
    CHECK(first[0].expires_at == far_future);
    // Disabling lists the tokens still live: not the one revoked before, not the expired one.
    t.write([&](write_context& w) { CHECK(disable_user(w, t.user_id, "", "test")); });
    auto all = t.since(0);
    REQUIRE(all.size() == 2);
    CHECK(all[1].token_hash_hex == sha256_hex("dos"));
    CHECK(all[1].seq > all[0].seq);
    auto later = t.since(all[0].seq);
    REQUIRE(later.size() == 1);
    CHECK(later[0].seq == all[1].seq);
    CHECK(t.since(0, 1).size() == 1); // a page is at most `limit` rows
    // A row whose token has expired is neither answered nor kept.
    t.write([&](write_context& w) {
        add_revocation(w, sha256("ajeno"), "2000-01-01T00:00:00.000Z");
        add_revocation(w, sha256("otro"), far_future);
    });
    auto now = t.since(0);
    REQUIRE(now.size() == 3);
    CHECK(now[2].token_hash_hex == sha256_hex("otro"));
    auto db = t.s.readers().acquire();
    CHECK(db->execAndGet("SELECT count(*) FROM token_revocations").getInt() == 3);
}

TEST_CASE("a shadow user takes its role and this database's clinics, and no password opens it") {
    token_store t;
    std::int64_t id = 0;
    t.write([&](write_context& w) {
        id = save_shadow_user(w, "beto@centro", domain::role::coordinator,
                              {"DFIST000003", "CSIMB000001"});
    });
    {
        auto db = t.s.readers().acquire();
        auto shadow = find_shadow_user(*db, "beto@centro");
        REQUIRE(shadow);
        CHECK(shadow->user_id == id);
        CHECK(shadow->role == domain::role::coordinator);
        CHECK(shadow->clinics == std::vector<std::string>{"CSIMB000001"});
        auto row = find_user(*db, "beto@centro");
        REQUIRE(row);
        CHECK_FALSE(verify_password("", row->password_hash));
        CHECK_FALSE(verify_password("!", row->password_hash));
        CHECK(local_clinics_among(*db, {"X", "CSIMB000001", "CSIMB000001"}) ==
              std::vector<std::string>{"CSIMB000001"});
    }
    CHECK(t.audits("user.shadow_saved") == 1);
    // The same claims again change nothing; new ones refresh the row, audited.
    t.write([&](write_context& w) {
        CHECK(save_shadow_user(w, "beto@centro", domain::role::coordinator, {"CSIMB000001"}) == id);
    });
    CHECK(t.audits("user.shadow_saved") == 1);
    t.write([&](write_context& w) {
        CHECK(save_shadow_user(w, "beto@centro", domain::role::moderator, {}) == id);
    });
    CHECK(t.audits("user.shadow_saved") == 2);
    auto db = t.s.readers().acquire();
    auto shadow = find_shadow_user(*db, "beto@centro");
    REQUIRE(shadow);
    CHECK(shadow->role == domain::role::moderator);
    CHECK(shadow->clinics.empty());
}

} // namespace revocation_repo_test
