#include "domain/login_throttle.hpp"
#include "domain/staff.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;
using namespace std::chrono_literals;

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

TEST_CASE("login_throttle lets a few failures pass, then doubles the wait") {
    login_throttle t;
    auto now = login_throttle::clock::time_point{} + 1h;
    for (int i = 0; i < 5; ++i) {
        CHECK(t.wait_for("user:ana", now) == 0s);
        t.record_failure("user:ana", now);
    }
    CHECK(t.wait_for("user:ana", now) == 0s);
    t.record_failure("user:ana", now);
    CHECK(t.wait_for("user:ana", now) == 2s);
    t.record_failure("user:ana", now);
    CHECK(t.wait_for("user:ana", now) == 4s);
    CHECK(t.wait_for("user:ana", now + 5s) == 0s);
    CHECK(t.wait_for("ip:10.0.0.1", now) == 0s);
    t.record_success("user:ana");
    CHECK(t.wait_for("user:ana", now) == 0s);
}

TEST_CASE("login_throttle forgets quiet keys and stays bounded") {
    login_throttle::options opts;
    opts.max_keys = 3;
    login_throttle t(opts);
    auto now = login_throttle::clock::time_point{} + 1h;
    for (int i = 0; i < 10; ++i)
        t.record_failure("k" + std::to_string(i), now + std::chrono::seconds(i));
    CHECK(t.size() <= 3);
}
