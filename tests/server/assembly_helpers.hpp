#pragma once
/// Helpers for the assembly integration tests: logins, headers, an assembly in a given state,
/// check-ins, and counting what the database holds.

#include "http_client.hpp"
#include "staff_login.hpp"
#include "store/crypto.hpp"
#include "store/store.hpp"
#include "store/user_repo.hpp"
#include "test_server_fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

using headers = std::map<std::string, std::string>;

inline nlohmann::json body_of(const http_reply& r) {
    return nlohmann::json::parse(r.body, nullptr, false);
}

inline headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

inline headers credential(const std::string& code) {
    return {{"Authorization", "Credential " + code}};
}

/// Adds staff beyond the fixture's: a committee member of CSIMB000001 and a moderator of
/// CSIMB000002 (both with the fixture's password).
inline void add_more_staff(running_server& s) {
    using namespace asamblea;
    auto hash = store::hash_password("clave-de-prueba");
    auto ok = s.srv->store().writer().run([&](store::write_context& ctx) -> domain::status {
        (void)store::save_user(ctx, "cosabi", hash, domain::role::committee, {"CSIMB000001"},
                               false);
        (void)store::save_user(ctx, "mod2", hash, domain::role::moderator, {"CSIMB000002"}, false);
        (void)store::save_user(ctx, "coordchis", hash, domain::role::coordinator,
                               {"CSIMB000001", "CSIMB000002"}, false);
        return {};
    });
    REQUIRE(ok);
}

inline long long count_rows(running_server& s, const std::string& sql) {
    auto db = s.srv->store().readers().acquire();
    return db->execAndGet(sql).getInt64();
}

/// Audit events other than logins and logouts (tests log in while checking refusals).
inline long long audit_events(running_server& s) {
    return count_rows(s, "SELECT count(*) FROM audit_events WHERE type NOT LIKE 'auth.%'");
}

/// A server with staff logged in and, unless told otherwise, the 2026 assembly of CSIMB000001
/// created (convocada, quorum 2).
struct assembly_env {
    running_server s;
    http_client c{s.port};
    std::string coord;
    std::string mod;
    static constexpr const char* base = "/api/c/CSIMB000001";

    explicit assembly_env(bool create = true) {
        coord = login(c, "coord");
        mod = login(c, "mod");
        if (create) {
            auto r = c.request(
                "POST", std::string(base) + "/assembly",
                R"({"edition":2026,"scheduled_at":"2026-02-21T17:00:00.000Z","quorum_min":2})",
                bearer(coord));
            REQUIRE(r.status == 201);
        }
    }

    http_reply as_mod(const std::string& method, const std::string& path,
                      const std::string& body = {}) {
        return c.request(method, std::string(base) + path, body, bearer(mod));
    }

    void move_to(const std::string& state) {
        auto r = as_mod("POST", "/assembly/transition", nlohmann::json{{"to", state}}.dump());
        REQUIRE_MESSAGE(r.status == 200, r.body);
    }

    /// Registers an attendee and returns {attendee, credential}.
    nlohmann::json check_in(const std::string& nombre, const std::string& id,
                            const std::string& sexo = "mujer") {
        auto r = as_mod(
            "POST", "/attendees",
            nlohmann::json{
                {"nombre", nombre}, {"identificador", id}, {"sexo", sexo}, {"mayor_de_edad", true}}
                .dump());
        REQUIRE_MESSAGE(r.status == 201, r.body);
        return body_of(r);
    }
};
