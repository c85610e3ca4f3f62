// A round opened with a countdown closes on time although the server was killed and started
// again in between: its room, loaded at start, arms the countdown from the stored closes_at.
#include "../store/test_dir.hpp"
#include "assembly_setup.hpp"
#include "bench_seed.hpp"
#include "raw_http.hpp"
#include "run_command.hpp"
#include "serve_process.hpp"

#include "loadgen/seed_file.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

namespace countdown_restart_test {

namespace {

std::string round_status(http_client& c, const std::string& base, const std::string& token,
                         std::int64_t round_id) {
    // A named copy: a range-for over a member of the temporary would read a destroyed object.
    const auto rounds = call(c, "GET", base + "/rounds", token, nullptr, 200);
    for (const auto& r : rounds["items"])
        if (r["id"] == round_id)
            return r["status"];
    return "";
}

} // namespace

TEST_CASE("a countdown survives a restart: the round closes by itself on time") {
    test_dir dir;
    const std::string data = (dir.path / "data").string();
    const auto seed = seed_one_assembly(data, 5, 3);
    const std::string base = "/api/c/" + seed.assemblies[0].clues;
    auto log_in = [&](http_client& c) {
        auto r = c.request("POST", "/api/auth/login",
                           nlohmann::json{{"username", seed.targets[0].user},
                                          {"password", seed.targets[0].password}}
                               .dump());
        REQUIRE(r.status == 200);
        return nlohmann::json::parse(r.body)["token"].get<std::string>();
    };

    std::int64_t round_id = 0;
    {
        std::filesystem::create_directories(dir.path / "run-1");
        serve_process server(data, dir.path / "run-1");
        http_client rest(server.port());
        const auto token = log_in(rest);
        auto round =
            call(rest, "POST", base + "/rounds", token,
                 {{"kind", "budget"}, {"title", "Con cuenta regresiva"}, {"max_choices", 1}}, 201);
        round_id = round["id"];
        auto opened = call(rest, "POST", base + "/rounds/" + std::to_string(round_id) + "/open",
                           token, {{"duration_seconds", 5}}, 200);
        REQUIRE(opened["status"] == "abierta");
        ::kill(server.pid(), SIGKILL);
        server.reap();
    }

    std::filesystem::create_directories(dir.path / "run-2");
    serve_process server(data, dir.path / "run-2");
    http_client rest(server.port());
    // Before anyone asks for the clinic, its room is loaded (to hold the countdown's timer).
    auto metrics = rest.request("GET", "/metrics");
    REQUIRE(metrics.status == 200);
    CHECK_MESSAGE(metric_value(metrics.body, "asamblea_rooms_loaded") == 1, metrics.body);
    const auto token = log_in(rest);
    // Nobody opens the clinic's pages or sockets: only the countdown can close the round. The
    // wait is bounded and generous; the round is due about 5 s after it opened.
    std::string status = round_status(rest, base, token, round_id);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (status == "abierta" && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        status = round_status(rest, base, token, round_id);
    }
    CHECK_MESSAGE(status == "cerrada", "the round is still «"
                                           << status << "» a minute later: "
                                           << call(rest, "GET", base + "/rounds", token).dump());
}

} // namespace countdown_restart_test
