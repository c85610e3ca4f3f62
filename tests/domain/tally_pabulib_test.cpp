// The budget rules against the pabutools reference outcomes in ../shared/pabulib, read in place.
#include "domain/tally/budget_tally.hpp"
#include "domain/tally/pabulib.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace tally_pabulib_test {

namespace {

const std::filesystem::path pabulib_dir = std::filesystem::path(ASAMBLEA_SHARED_DIR) / "pabulib";

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string joined(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids)
        out += (out.empty() ? "" : " ") + id;
    return out;
}

} // namespace

TEST_CASE("budget rules match the pabutools reference on every pabulib case") {
    const auto expected_path = pabulib_dir / "expected.jsonl";
    if (!std::filesystem::exists(expected_path)) {
        MESSAGE("skipped: " << expected_path.string() << " is absent");
        return;
    }
    std::ifstream lines(expected_path);
    std::string line;
    int cases = 0;
    while (std::getline(lines, line)) {
        if (line.empty())
            continue;
        auto expected = nlohmann::json::parse(line);
        const std::string file = expected.at("file");
        auto parsed = parse_pabulib(read_file(pabulib_dir / file));
        REQUIRE_MESSAGE(parsed, file << ": " << (parsed ? "" : parsed.error().message));
        CHECK(parsed->election.projects.size() == expected.at("projects").get<std::size_t>());
        CHECK(parsed->election.ballots.size() == expected.at("ballots").get<std::size_t>());
        CHECK(std::to_string(parsed->election.budget) == expected.at("budget").get<std::string>());
        for (auto [rule, key] : {std::pair{budget_rule::greedy, "greedy"},
                                 {budget_rule::mes, "mes"},
                                 {budget_rule::mes_add1, "mes_add1"},
                                 {budget_rule::mes_add1_greedy, "mes_add1_greedy"}}) {
            auto tally = tally_budget(parsed->election, rule);
            REQUIRE(tally);
            INFO(file << " rule " << to_string(rule));
            CHECK(joined(tally->selected) ==
                  joined(expected.at(key).get<std::vector<std::string>>()));
            CHECK(tally->spent <= tally->budget);
            if (rule == budget_rule::greedy) {
                const auto& e = parsed->election;
                auto direct = tally_budget_greedy(e.budget, e.projects, e.ballots);
                REQUIRE(direct);
                CHECK(joined(direct->selected) == joined(tally->selected));
            }
            ++cases;
        }
    }
    CHECK(cases == 20);
}

} // namespace tally_pabulib_test
