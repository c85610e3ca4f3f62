// A neighbour's wrong voter codes do not keep honest phones behind the same address out (issue
// 17 item 2): unknown codes spend a generous budget per address and clinic; past it, a code that
// already got in from there still does; /metrics shows what is refused.
// The server sees each client's socket address: the test clients bind 127.0.0.x before connecting.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include "domain/assembly/credential_code.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace throttle_codes_test {

namespace {

const std::string clinic = "CSIMB000001";

// A well-formed code that names no credential (the chance of a real one is 2^-40).
std::string wrong_code(int i) {
    std::string code = "ZZZZ";
    for (int k = 0; k < 4; ++k) {
        code += asamblea::domain::credential_alphabet[static_cast<std::size_t>(i % 32)];
        i /= 32;
    }
    return code;
}

// One request for the floor with a code, as the phone's page makes it.
http_reply ask_floor(http_client& c, const std::string& code) {
    return c.request("POST", "/api/c/" + clinic + "/floor", "",
                     {{"Authorization", "Credential " + code}});
}

// A phone's hello with its code: the answer's type ("welcome" or "error") and error code.
std::pair<std::string, std::string> join(unsigned short port, const std::string& address,
                                         const std::string& code) {
    ws_client phone(port, clinic, address);
    phone.send({{"type", "hello"}, {"credential", code}});
    auto msg = phone.next(std::chrono::seconds(10));
    REQUIRE(msg);
    return {(*msg)["type"], msg->value("error", std::string())};
}

bool has_line(const std::string& text, const std::string& line) {
    return text.find("\n" + line + "\n") != std::string::npos;
}

} // namespace

TEST_CASE("a neighbour's 40 wrong codes do not stop an honest phone on the same address") {
    running_server s;
    http_client staff(s.port);
    auto a = setup_assembly(staff, login(staff, "coord"), clinic, 2, {1000}, 1, false);

    http_client neighbour(s.port, "127.0.0.5");
    for (int i = 0; i < 40; ++i) {
        auto r = ask_floor(neighbour, wrong_code(i));
        REQUIRE(r.status == 401);
        CHECK(nlohmann::json::parse(r.body)["error"] == "bad_credential");
    }
    auto [type, error] = join(s.port, "127.0.0.5", a.codes[0]);
    CHECK_MESSAGE(type == "welcome", "the honest phone was refused: " << error);
    // and its floor request, from the same address, goes through
    CHECK(ask_floor(neighbour, a.codes[1]).status == 201);
}

TEST_CASE("past the budget a new code waits with Retry-After, a phone that got in does not") {
    // A budget of 40 that does not refill while the test runs, so no answer depends on timing.
    asamblea::server::server_config config;
    config.code_throttle.address = {40, std::chrono::hours(1000)};
    running_server s(config);
    http_client staff(s.port);
    auto a = setup_assembly(staff, login(staff, "coord"), clinic, 2, {1000}, 1, false);

    auto [first, first_error] = join(s.port, "127.0.0.6", a.codes[0]); // joins, then goes away
    REQUIRE_MESSAGE(first == "welcome", first_error);

    http_client guesser(s.port, "127.0.0.6");
    http_reply refused;
    int tries = 0;
    for (; tries < 100; ++tries) {
        auto r = ask_floor(guesser, wrong_code(tries));
        if (r.status == 429) {
            refused = r;
            break;
        }
        REQUIRE(r.status == 401);
    }
    MESSAGE("wrong codes before the first 429: " << tries);
    REQUIRE(refused.status == 429);
    CHECK(tries == 40);
    CHECK(nlohmann::json::parse(refused.body)["error"] == "too_many_attempts");
    CHECK(std::stoi(refused.header("Retry-After")) > 0);

    // A phone that never got in waits like the guesser (its code cannot be told from a guess)...
    auto [second, second_error] = join(s.port, "127.0.0.6", a.codes[1]);
    CHECK(second == "error");
    CHECK(second_error == "too_many_attempts");
    // ...the phone that got in before comes back (a reconnect) without waiting...
    auto [back, back_error] = join(s.port, "127.0.0.6", a.codes[0]);
    CHECK_MESSAGE(back == "welcome", back_error);
    // ...and other addresses are not held back.
    auto [elsewhere, elsewhere_error] = join(s.port, "127.0.0.7", a.codes[1]);
    CHECK_MESSAGE(elsewhere == "welcome", elsewhere_error);

    auto metrics = http_client(s.port).request("GET", "/metrics").body;
    CHECK(has_line(metrics, "asamblea_code_refused_total{reason=\"address\"} 2"));
    CHECK(has_line(metrics, "asamblea_code_refused_total{reason=\"clinic\"} 0"));
    CHECK(has_line(metrics, "asamblea_code_throttle_exempt_total 1"));
    CHECK(has_line(metrics, "asamblea_throttled_keys{table=\"code_address\"} 1"));
    CHECK(has_line(metrics, "asamblea_throttle_keys{table=\"code_admitted\"} 2"));
}

} // namespace throttle_codes_test
