// `asamblea tally` against the pabutools reference outcomes in ../shared/pabulib, read in place,
// through the real binary.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <sys/wait.h>

namespace fs = std::filesystem;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace tally_cli_test {

namespace {

struct run_result {
    int exit_code = -1;
    std::string out;
};

// Runs the binary with `args`; stdout is captured alone unless `merge_stderr`.
run_result run_tally(const std::string& args, bool merge_stderr = false) {
    std::string cmd = std::string("'") + ASAMBLEA_BINARY + "' tally " + args +
                      (merge_stderr ? " 2>&1" : " 2>/dev/null");
    run_result r;
    FILE* pipe = popen(cmd.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buf{};
    while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe))
        r.out.append(buf.data(), n);
    int status = pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string quoted(const fs::path& p) {
    return "'" + p.string() + "'";
}

const fs::path pabulib_dir = fs::path(ASAMBLEA_SHARED_DIR) / "pabulib";

} // namespace

TEST_CASE("asamblea tally prints exactly the reference outcome for every file and rule") {
    const auto expected_path = pabulib_dir / "expected.jsonl";
    if (!fs::exists(expected_path)) {
        MESSAGE("skipped: " << expected_path.string() << " is absent");
        return;
    }
    std::ifstream lines(expected_path);
    std::string line;
    int runs = 0;
    while (std::getline(lines, line)) {
        if (line.empty())
            continue;
        auto expected = nlohmann::json::parse(line);
        const std::string file = expected.at("file");
        for (auto [rule, key] : {std::pair{"greedy", "greedy"},
                                 {"mes", "mes"},
                                 {"mes-add1", "mes_add1"},
                                 {"mes-add1-greedy", "mes_add1_greedy"}}) {
            std::string want;
            for (const auto& id : expected.at(key))
                want += (want.empty() ? "" : " ") + id.get<std::string>();
            auto r =
                run_tally(quoted(pabulib_dir / file) + " --rule " + rule + " --data /nonexistent");
            INFO(file << " --rule " << rule);
            CHECK(r.exit_code == 0);
            CHECK(r.out == want + "\n");
            ++runs;
        }
    }
    CHECK(runs == 20);
}

TEST_CASE("asamblea tally --json explains every project") {
    const auto file = pabulib_dir / "Netherlands_Assen_2024.pb";
    if (!fs::exists(file)) {
        MESSAGE("skipped: " << file.string() << " is absent");
        return;
    }
    auto r = run_tally(quoted(file) + " --rule mes-add1-greedy --json");
    REQUIRE(r.exit_code == 0);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j.at("rule") == "mes-add1-greedy");
    CHECK(j.at("selected") ==
          nlohmann::json::array({"2", "3", "5", "6", "7", "9", "11", "12", "13", "14"}));
    REQUIRE(j.at("projects").size() == 14);
    int completion = 0;
    for (const auto& p : j.at("projects")) {
        CHECK_FALSE(p.at("explanation").get<std::string>().empty());
        if (p.at("status") == "selected" && p.at("stage") == "completion")
            ++completion;
    }
    CHECK(completion == 1); // project 7 comes from the greedy completion
}

TEST_CASE("asamblea tally rejects a malformed file naming the line, with exit code 1") {
    fs::path dir =
        fs::temp_directory_path() / ("asamblea-tally-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir);
    std::ofstream(dir / "bad.pb", std::ios::binary) << "META\r\nkey;value\r\nbudget;100\r\n"
                                                       "vote_type;approval\r\nPROJECTS\r\n"
                                                       "project_id;cost\r\n1;diez\r\nVOTES\r\n"
                                                       "voter_id;vote\r\n1;1\r\n";
    auto r = run_tally(quoted(dir / "bad.pb") + " --rule mes", true);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("Línea 7") != std::string::npos);

    std::ofstream(dir / "cumulative.pb") << "META\nkey;value\nbudget;100\nvote_type;cumulative\n";
    r = run_tally(quoted(dir / "cumulative.pb"), true);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("Línea 4") != std::string::npos);

    r = run_tally(quoted(dir / "missing.pb"), true);
    CHECK(r.exit_code == 1);
    r = run_tally(quoted(dir / "bad.pb") + " --rule pav", true);
    CHECK(r.exit_code == 1);
    fs::remove_all(dir);
}

TEST_CASE("asamblea tally counts a budget with decimals exactly (it once refused «216829.41»)") {
    fs::path dir =
        fs::temp_directory_path() / ("asamblea-tally-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir);
    // Rounded to whole units A and B would both fit; counted exactly they are one centavo over.
    std::ofstream(dir / "decimals.pb", std::ios::binary)
        << "META\nkey;value\nbudget;216829.41\nvote_type;approval\nPROJECTS\n"
           "project_id;cost;name\nA;100000.20;Techo\nB;116829,22;Bomba\nC;0.01;Foco\nVOTES\n"
           "voter_id;vote\n1;A,B,C\n2;A,B\n3;A\n";
    auto r = run_tally(quoted(dir / "decimals.pb"), true);
    CHECK_MESSAGE(r.exit_code == 0, r.out);
    CHECK(r.out == "A C\n");
    r = run_tally(quoted(dir / "decimals.pb") + " --json");
    REQUIRE(r.exit_code == 0);
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["budget"].get<double>() == doctest::Approx(216829.41));
    CHECK(doc["spent"].get<double>() == doctest::Approx(100000.21));
    CHECK(doc["projects"][1]["explanation"].get<std::string>().find("$116,829.22") !=
          std::string::npos);
    fs::remove_all(dir);
}

} // namespace tally_cli_test
