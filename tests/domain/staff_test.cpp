#include "domain/staff.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

TEST_CASE("authorize checks role and clinic scope") {
    principal mod{1, "mod", role::moderator, {"CSIMB000001"}};
    CHECK(authorize(mod, {role::moderator}, "CSIMB000001"));
    auto other = authorize(mod, {role::moderator}, "CSIMB000002");
    REQUIRE_FALSE(other);
    CHECK(other.error().code == "wrong_clinic");
    auto wrong_role = authorize(mod, {role::coordinator}, "CSIMB000001");
    REQUIRE_FALSE(wrong_role);
    CHECK(wrong_role.error().code == "wrong_role");
    principal national{2, "coord", role::coordinator, {}};
    CHECK(authorize(national, {role::coordinator}, "ZZZZZ000001"));
    principal state{3, "coord2", role::coordinator, {"CSIMB000001"}};
    CHECK_FALSE(authorize(state, {role::coordinator}, "ZZZZZ000001"));
}

TEST_CASE("usernames and passwords are checked") {
    CHECK(check_username("moderador.uno"));
    CHECK_FALSE(check_username("ab"));
    CHECK_FALSE(check_username("Mayúsculas"));
    CHECK(check_password("0123456789"));
    CHECK_FALSE(check_password("corta"));
}
