// The load generator's run through a proxy (scripts/bench --shards): the options that send the
// WebSockets to the proxy and measure it, and the proxy's costs as the report states them.
#include "loadgen/options.hpp"
#include "loadgen/proxy_report.hpp"
#include "loadgen/run_seed.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace proxy_report_test {

using namespace asamblea::loadgen;

proc_sample sample(double rss_mib, double cpu_s) {
    return {rss_mib, rss_mib, cpu_s, true};
}

std::optional<int> parse(std::vector<std::string> args, options& o) {
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    return parse_options(static_cast<int>(argv.size()), argv.data(), o);
}

// A seed file as `asamblea bench-seed` writes it, with one assembly of two voters.
std::string write_seed(const std::filesystem::path& dir, const std::string& clues) {
    std::filesystem::create_directories(dir);
    auto path = (dir / (clues + ".txt")).string();
    std::ofstream(path) << "asamblea-bench-seed 1\nlogin bench clave\nassembly " << clues
                        << " 2 1,2,3\nAAAA1111\nBBBB2222\n";
    return path;
}

TEST_CASE("the proxy's CPU per 1,000 connections and ballots and its memory per connection") {
    proxy_record r;
    r.before_connect = sample(10, 1.0);
    r.after_connect = sample(30, 1.5); // +20 MiB and 0.5 s for 2,000 connections
    r.at_end = sample(31, 4.5);
    r.connections = 2000;
    r.phases = {{"steady", 1000, sample(30, 1.5), sample(30, 2.5)},
                {"burst", 3000, sample(30, 2.5), sample(31, 4.5)}};
    auto j = proxy_json(r);
    CHECK(j["measured"].get<bool>());
    CHECK(j["memory_kib_per_connection"].get<double>() == doctest::Approx(20.0 * 1024 / 2000));
    CHECK(j["cpu_s_connect"].get<double>() == doctest::Approx(0.5));
    CHECK(j["cpu_s_per_1000_connections"].get<double>() == doctest::Approx(0.25));
    CHECK(j["cpu_s_voting"].get<double>() == doctest::Approx(3.0));
    CHECK(j["cpu_s_per_1000_ballots"].get<double>() == doctest::Approx(3.0 * 1000 / 4000));
    CHECK(j["phases"]["steady"]["cpu_s_per_1000_ballots"].get<double>() == doctest::Approx(1.0));
    CHECK(j["phases"]["burst"]["cpu_s_per_1000_ballots"].get<double>() == doctest::Approx(2.0 / 3));
    CHECK(j["peak_rss_mib"].get<double>() == doctest::Approx(31));
}

TEST_CASE("no connection or no ballot gives a null rate, and an unread proxy says so") {
    proxy_record r;
    r.before_connect = sample(10, 1.0);
    r.after_connect = sample(10, 1.0);
    r.at_end = {};
    r.phases = {{"steady", 0, sample(10, 1.0), sample(10, 1.0)}};
    auto j = proxy_json(r);
    CHECK_FALSE(j["measured"].get<bool>());
    CHECK(j["memory_kib_per_connection"].is_null());
    CHECK(j["cpu_s_per_1000_connections"].is_null());
    CHECK(j["cpu_s_per_1000_ballots"].is_null());
    CHECK(j["phases"]["steady"]["cpu_s_per_1000_ballots"].is_null());
}

TEST_CASE("--ws-port sends every WebSocket to the proxy and leaves REST on each shard") {
    auto dir = std::filesystem::temp_directory_path() /
               ("asamblea-proxy-report-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    auto a = write_seed(dir, "BENCH100001");
    auto b = write_seed(dir, "BENCH200001");
    options o;
    REQUIRE_FALSE(parse({"loadgen", "--target", "8101=" + a, "--target", "8102=" + b, "--ws-port",
                         "8080", "--proxy-pid", "4242", "--quiet"},
                        o));
    CHECK(o.ws_port == 8080);
    CHECK(o.proxy_pids() == std::vector<int>{4242});
    auto seed = load_run_seed(o);
    REQUIRE(seed.targets.size() == 2);
    CHECK(seed.targets[0].port == 8101);
    CHECK(seed.targets[1].port == 8102);
    CHECK(seed.targets[0].ws_port == 8080);
    CHECK(seed.targets[1].ws_port == 8080);
    CHECK(seed.assemblies[1].target == 1);

    options direct;
    REQUIRE_FALSE(parse({"loadgen", "--target", "8101=" + a}, direct));
    CHECK(direct.proxy_pids().empty());
    CHECK(load_run_seed(direct).targets[0].ws_port == 0);
    std::filesystem::remove_all(dir);
}

} // namespace proxy_report_test
