// Behind HAProxy every client arrives from the proxy's address; with --trusted-proxy the login
// budget counts the address the proxy puts last in X-Forwarded-For, and only the proxy's header
// counts: a client that forges it from anywhere else changes nothing (issue 18).
#include "http_client.hpp"
#include "test_server_fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace trusted_proxy_test {

namespace {

http_reply login_as(http_client& c, const std::string& password, const std::string& forwarded) {
    return c.request("POST", "/api/auth/login",
                     nlohmann::json{{"username", "mod"}, {"password", password}}.dump(),
                     {{"X-Forwarded-For", forwarded}});
}

// Fails with wrong passwords until the pair (mod, address) is refused; whether it ever was.
bool fail_until_refused(http_client& c, const std::string& forwarded) {
    for (int i = 0; i < 12; ++i)
        if (login_as(c, "adivina-" + std::to_string(i), forwarded).status == 429)
            return true;
    return false;
}

asamblea::server::server_config behind_proxy() {
    asamblea::server::server_config config;
    config.login_throttle.pair_base_wait = std::chrono::seconds(120); // no answer depends on time
    config.trusted_proxies = *asamblea::domain::parse_trusted_proxies("127.0.0.1");
    return config;
}

} // namespace

TEST_CASE("a forged X-Forwarded-For from an untrusted peer changes nothing") {
    running_server s(behind_proxy());
    http_client stranger(s.port, "127.0.0.2");
    REQUIRE(fail_until_refused(stranger, "203.0.113.9"));
    // Another forged address in the header does not reset the stranger's budget.
    CHECK(login_as(stranger, "clave-de-prueba", "203.0.113.50").status == 429);
}

TEST_CASE("the trusted proxy's X-Forwarded-For is the client's address for the login budget") {
    running_server s(behind_proxy());
    http_client proxy(s.port, "127.0.0.1");
    REQUIRE(fail_until_refused(proxy, "203.0.113.9"));
    CHECK(login_as(proxy, "clave-de-prueba", "203.0.113.9").status == 429);
    // Another client behind the same proxy is not held back by the first one's failures; a
    // forged first entry is ignored, the proxy's last one counts.
    auto other = login_as(proxy, "clave-de-prueba", "203.0.113.9, 203.0.113.10");
    CHECK_MESSAGE(other.status == 200, other.status << " " << other.body);
}

} // namespace trusted_proxy_test
