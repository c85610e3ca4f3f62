// A stranger's wrong passwords for an account slow the stranger down but do not lock the real
// user out from another address (issue 17 item 1); the stranger still gets 429 with Retry-After.
// The server sees each client's socket address: the test clients bind 127.0.0.x before connecting.
#include "http_client.hpp"
#include "test_server_fixture.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace throttle_login_test {

namespace {

http_reply try_login(http_client& c, const std::string& user, const std::string& password) {
    return c.request("POST", "/api/auth/login",
                     nlohmann::json{{"username", user}, {"password", password}}.dump());
}

bool has_line(const std::string& text, const std::string& line) {
    return text.find("\n" + line + "\n") != std::string::npos;
}

} // namespace

TEST_CASE("the moderator logs in from the tablet after a stranger's failures for the account") {
    // The first wait long enough that no answer below depends on timing.
    asamblea::server::server_config config;
    config.login_throttle.pair_base_wait = std::chrono::seconds(120);
    running_server s(config);
    http_client stranger(s.port, "127.0.0.2");
    int refused = 0;
    http_reply last;
    for (int i = 0; i < 12 && refused == 0; ++i) {
        last = try_login(stranger, "mod", "adivina-" + std::to_string(i));
        if (last.status == 429)
            ++refused;
        else
            CHECK(last.status == 401);
    }
    REQUIRE_MESSAGE(refused == 1, "the stranger was never slowed down");
    CHECK(nlohmann::json::parse(last.body)["error"] == "too_many_attempts");
    CHECK(std::stoi(last.header("Retry-After")) > 0);

    // The stranger stays slowed down, even with the right password...
    auto again = try_login(stranger, "mod", "clave-de-prueba");
    CHECK(again.status == 429);
    CHECK(!again.header("Retry-After").empty());

    // ...but the moderator's tablet, another address, gets in at once.
    http_client tablet(s.port, "127.0.0.3");
    auto ok = try_login(tablet, "mod", "clave-de-prueba");
    CHECK_MESSAGE(ok.status == 200, ok.status << " " << ok.body);

    auto metrics = http_client(s.port).request("GET", "/metrics").body;
    CHECK(has_line(metrics, "asamblea_login_refused_total{reason=\"pair\"} 2"));
    CHECK(has_line(metrics, "asamblea_login_refused_total{reason=\"account\"} 0"));
    CHECK(has_line(metrics, "asamblea_throttled_keys{table=\"login_pair\"} 1"));
    CHECK(has_line(metrics, "asamblea_throttle_keys{table=\"login_known\"} 1"));
}

} // namespace throttle_login_test
