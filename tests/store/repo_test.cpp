#include "store/clinic_repo.hpp"
#include "store/crypto.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"
#include "test_dir.hpp"

#include <doctest/doctest.h>

using namespace asamblea;
using namespace asamblea::store;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace repo_test {

namespace {
domain::clinic make_clinic(std::string clues, std::string nombre, std::string entidad,
                           std::string municipio) {
    return domain::clinic{clues, nombre, entidad, municipio, "IMSS-BIENESTAR", 2, "UMF", 60000000};
}
} // namespace

TEST_CASE("clinics upsert without duplicating and search by text and state with paging") {
    test_dir dir;
    store::store s(dir.str());
    std::vector<domain::clinic> batch = {
        make_clinic("CSIMB000001", "Centro de Salud Ocosingo", "Chiapas", "Ocosingo"),
        make_clinic("CSIMB000002", "Centro de Salud Palenque", "Chiapas", "Palenque"),
        make_clinic("DFIMB000003", "Clínica Tlalpan", "Ciudad de México", "Tlalpan"),
    };
    import_counts first;
    REQUIRE(s.writer().run([&](write_context& ctx) -> domain::status {
        first = upsert_clinics(ctx, batch);
        return {};
    }));
    CHECK(first.inserted == 3);
    batch[0].nombre = "Centro de Salud Ocosingo Renovado";
    import_counts second;
    REQUIRE(s.writer().run([&](write_context& ctx) -> domain::status {
        second = upsert_clinics(ctx, batch);
        return {};
    }));
    CHECK(second.inserted == 0);
    CHECK(second.updated == 3);

    auto db = s.readers().acquire();
    CHECK(count_clinics(*db) == 3);
    CHECK(find_clinic(*db, "CSIMB000001")->nombre == "Centro de Salud Ocosingo Renovado");
    CHECK_FALSE(find_clinic(*db, "XXXXX000000"));

    auto by_text = search_clinics(
        *db, {.text = "CLINICA", .entidad = "", .institucion = "", .page = 1, .per_page = 20});
    REQUIRE(by_text.total == 1);
    CHECK(by_text.items[0].clues == "DFIMB000003");
    auto by_clues = search_clinics(
        *db, {.text = "csimb000002", .entidad = "", .institucion = "", .page = 1, .per_page = 20});
    CHECK(by_clues.total == 1);
    auto by_state = search_clinics(
        *db, {.text = "", .entidad = "Chiapas", .institucion = "", .page = 2, .per_page = 1});
    CHECK(by_state.total == 2);
    REQUIRE(by_state.items.size() == 1);
    CHECK(by_state.items[0].clues == "CSIMB000002");
    auto wildcard = search_clinics(
        *db, {.text = "%", .entidad = "", .institucion = "", .page = 1, .per_page = 20});
    CHECK(wildcard.total == 0);
    CHECK(list_entidades(*db) == std::vector<std::string>{"Chiapas", "Ciudad de México"});
}

TEST_CASE("users are scoped to existing clinics and tokens can be revoked") {
    test_dir dir;
    store::store s(dir.str());
    REQUIRE(s.writer().run([&](write_context& ctx) -> domain::status {
        upsert_clinics(ctx, {make_clinic("CSIMB000001", "Uno", "Chiapas", "Ocosingo")});
        return {};
    }));
    auto add = [&](std::vector<std::string> clinics, bool replace) {
        domain::result<std::int64_t> id;
        auto st = s.writer().run([&](write_context& ctx) -> domain::status {
            id = save_user(ctx, "mod", hash_password("una-clave-larga"), domain::role::moderator,
                           clinics, replace);
            if (!id)
                return std::unexpected(id.error());
            return {};
        });
        return st ? id : std::unexpected(st.error());
    };
    CHECK(add({"CSIMB000001"}, false).has_value());
    auto dup = add({"CSIMB000001"}, false);
    REQUIRE_FALSE(dup);
    CHECK(dup.error().kind == domain::error_kind::conflict);
    auto unknown = add({"ZZZZZ999999"}, true);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().kind == domain::error_kind::not_found);

    auto db = s.readers().acquire();
    auto user = find_user(*db, "mod");
    REQUIRE(user);
    CHECK(verify_password("una-clave-larga", user->password_hash));
    CHECK_FALSE(verify_password("otra-clave", user->password_hash));
    CHECK(user->who.clinics == std::vector<std::string>{"CSIMB000001"});

    auto digest = sha256("token-secreto");
    REQUIRE(s.writer().run([&](write_context& ctx) -> domain::status {
        insert_token(ctx, user->who.user_id, digest, "2999-01-01T00:00:00.000Z");
        return {};
    }));
    CHECK(find_token(*db, digest, "2026-01-01T00:00:00.000Z"));
    CHECK_FALSE(find_token(*db, digest, "3000-01-01T00:00:00.000Z")); // expired
    bool revoked = false;
    REQUIRE(s.writer().run([&](write_context& ctx) -> domain::status {
        revoked = revoke_token(ctx, digest);
        return {};
    }));
    CHECK(revoked);
    CHECK_FALSE(find_token(*db, digest, "2026-01-01T00:00:00.000Z"));
}

TEST_CASE("a disabled user is not found, its tokens stop working, and saving it enables it") {
    test_dir dir;
    store::store s(dir.str());
    auto hash = hash_password("una-clave-larga");
    std::int64_t id = 0;
    REQUIRE(s.writer().run([&](write_context& ctx) -> domain::status {
        upsert_clinics(ctx, {make_clinic("CSIMB000001", "Centro", "Chiapas", "Ocosingo")});
        auto user =
            save_user(ctx, "tesorera", hash, domain::role::committee, {"CSIMB000001"}, false);
        if (!user)
            return std::unexpected(user.error());
        id = *user;
        return {};
    }));
    auto digest = sha256("token-de-tesorera");
    bool first = false, second = true;
    REQUIRE(s.writer().run([&](write_context& ctx) -> domain::status {
        insert_token(ctx, id, digest, "2999-01-01T00:00:00.000Z");
        first = disable_user(ctx, id, "CSIMB000001", "committee_member_replaced");
        second = disable_user(ctx, id, "CSIMB000001", "committee_member_replaced");
        return {};
    }));
    CHECK(first);
    CHECK_FALSE(second); // already disabled: nothing changes, nothing audited twice
    auto db = s.readers().acquire();
    CHECK_FALSE(find_user(*db, "tesorera"));
    CHECK_FALSE(find_token(*db, digest, "2026-01-01T00:00:00.000Z"));
    CHECK(
        db->execAndGet("SELECT count(*) FROM audit_events WHERE type = 'user.disabled'").getInt() ==
        1);
    CHECK(db->execAndGet("SELECT count(*) FROM tokens WHERE revoked_at IS NULL").getInt() == 0);

    // The name stays taken; only an explicit save (the CLI's `user` with replace) enables it.
    REQUIRE(s.writer().run([&](write_context& ctx) -> domain::status {
        auto again =
            save_user(ctx, "tesorera", hash, domain::role::committee, {"CSIMB000001"}, false);
        CHECK_FALSE(again);
        auto replaced =
            save_user(ctx, "tesorera", hash, domain::role::committee, {"CSIMB000001"}, true);
        CHECK(replaced);
        return {};
    }));
    CHECK(find_user(*db, "tesorera"));
}

} // namespace repo_test
