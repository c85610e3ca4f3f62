// The guessing budgets are serve options (--login-*-budget, --code-*-budget): behind a proxy or a
// carrier's NAT an operator may need other figures than the defaults (docs/security.md).
#include "../store/test_dir.hpp"
#include "bench_seed.hpp"
#include "http_client.hpp"
#include "run_command.hpp"
#include "serve_process.hpp"

#include "loadgen/seed_file.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace guessing_budget_test {

namespace {

std::string error_of(const http_reply& r) {
    return nlohmann::json::parse(r.body, nullptr, false).value("error", std::string());
}

} // namespace

TEST_CASE("serve's budget options set how many wrong passwords and codes an address may try") {
    test_dir dir;
    const auto data = dir.path / "data";
    // Codes spend the budget only for a clinic with an assembly: the bench's seed makes one.
    const auto seed = seed_one_assembly(data, 5, 3);
    const std::string clinic = seed.assemblies[0].clues;

    serve_process server(data, dir.path,
                         {"--login-address-budget", "3", "--code-address-budget", "2"});
    http_client c(server.port());

    // Three accounts (so the per-account waits never start), one address: the fourth is refused.
    for (int i = 0; i < 3; ++i) {
        auto r = c.request(
            "POST", "/api/auth/login",
            nlohmann::json{{"username", "nadie" + std::to_string(i)}, {"password", "equivocada"}}
                .dump());
        CHECK_MESSAGE(r.status == 401, r.body);
    }
    auto fourth =
        c.request("POST", "/api/auth/login",
                  nlohmann::json{{"username", "nadie3"}, {"password", "equivocada"}}.dump());
    CHECK_MESSAGE(fourth.status == 429, fourth.body);

    // Two unknown voter codes for the clinic, then the third waits.
    for (const char* code : {"ZZZZZZZA", "ZZZZZZZB"}) {
        auto r = c.request("POST", "/api/c/" + clinic + "/floor", "",
                           {{"Authorization", std::string("Credential ") + code}});
        CHECK_MESSAGE(r.status == 401, r.body);
        CHECK(error_of(r) == "bad_credential");
    }
    auto third = c.request("POST", "/api/c/" + clinic + "/floor", "",
                           {{"Authorization", "Credential ZZZZZZZC"}});
    CHECK_MESSAGE(third.status == 429, third.body);
    CHECK_FALSE(third.header("Retry-After").empty());
}

TEST_CASE("a budget of zero is refused at start, with the option named") {
    test_dir dir;
    auto r = run_command("serve --data '" + (dir.path / "data").string() +
                         "' --port 0 --code-clinic-budget 0");
    CHECK(r.exit_code != 0);
    CHECK_MESSAGE(r.output.find("--code-clinic-budget") != std::string::npos, r.output);
}

} // namespace guessing_budget_test
