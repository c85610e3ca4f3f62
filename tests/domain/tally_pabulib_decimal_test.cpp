// Pabulib files whose budget or costs have decimals count exactly, as pabutools does with
// fractions; the writer's files read back to the same election.
#include "domain/tally/budget_tally.hpp"
#include "domain/tally/decimal_amount.hpp"
#include "domain/tally/pabulib.hpp"
#include "domain/tally/pabulib_writer.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace tally_pabulib_decimal_test {

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

result<budget_tally> tally(const pabulib_instance& i, budget_rule rule) {
    budget_options options;
    options.voter_budget_increment = i.unit();
    return tally_budget(i.election, rule, options);
}

// The instance written back with every amount divided by 100 ("137672" → "1376.72").
std::string in_hundredths(const pabulib_instance& i) {
    pabulib_document doc;
    for (const auto& [key, value] : i.meta)
        doc.meta.emplace_back(key, key == "budget" ? format_decimal(i.election.budget, 2) : value);
    for (std::size_t p = 0; p < i.election.projects.size(); ++p)
        doc.projects.push_back({i.election.projects[p].id,
                                format_decimal(i.election.projects[p].cost, 2),
                                i.project_names[p]});
    for (const auto& ballot : i.election.ballots) {
        std::vector<std::string> ids;
        for (auto p : ballot)
            ids.push_back(i.election.projects[p].id);
        doc.votes.push_back(std::move(ids));
    }
    return write_pabulib(doc);
}

} // namespace

TEST_CASE("decimal amounts: exact, with a point or a comma") {
    auto a = parse_decimal_amount(" 216829.41 ");
    REQUIRE(a);
    CHECK(a->units == 21682941);
    CHECK(a->decimals == 2);
    CHECK(parse_decimal_amount("216829,41")->units == 21682941);
    CHECK(parse_decimal_amount("1200.00")->decimals == 0);
    CHECK(parse_decimal_amount("1200.00")->units == 1200);
    CHECK(parse_decimal_amount(".5")->units == 5);
    CHECK(parse_decimal_amount("5.")->units == 5);
    CHECK(parse_decimal_amount("007")->units == 7);
    for (const char* bad :
         {"", ".", "-1", "+1", "1e3", "1.2.3", "1,2.3", "uno", "1 000", "1234567890123456789"})
        CHECK_MESSAGE(!parse_decimal_amount(bad), bad);
    CHECK(scaled_units(*a, 4, 1'000'000'000'000'000) == 2168294100);
    CHECK(!scaled_units(*a, 1, 1'000'000'000'000'000)); // fewer decimals than it has
    CHECK(!scaled_units(*a, 12, 1'000'000'000'000'000));
    CHECK(format_decimal(40000000, 2) == "400000.00");
    CHECK(format_decimal(5, 2) == "0.05");
    CHECK(format_decimal(7, 0) == "7");
}

TEST_CASE("pabulib: the budget «216829.41» counts to the centavo") {
    // Rounded to whole units, A and B would both fit (100000 + 116829 = 216829); counted exactly
    // they are 216829.42, one centavo over, so greedy skips B and funds C.
    const std::string text = "META\nkey;value\nbudget;216829.41\nvote_type;approval\n"
                             "PROJECTS\nproject_id;cost;name\n"
                             "A;100000.20;Techo\nB;116829.22;Bomba\nC;0.01;Foco\n"
                             "VOTES\nvoter_id;vote\n1;A,B,C\n2;A,B\n3;A\n";
    auto i = parse_pabulib(text);
    REQUIRE_MESSAGE(i, (i ? "" : i.error().message));
    CHECK(i->decimals == 2);
    CHECK(i->election.budget == 21682941);
    auto greedy = tally(*i, budget_rule::greedy);
    REQUIRE(greedy);
    CHECK(joined(greedy->selected) == "A C");
    CHECK(greedy->spent == 10000021);
    CHECK(greedy->projects[1].status == project_status::over_budget);
    CHECK(greedy->projects[1].budget_left == 11682921);
    for (auto rule : {budget_rule::mes, budget_rule::mes_add1, budget_rule::mes_add1_greedy}) {
        auto t = tally(*i, rule);
        REQUIRE(t);
        CHECK(t->spent <= t->budget);
    }
}

TEST_CASE("pabulib: real instances in hundredths count as pabutools does") {
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
        INFO(file);
        auto whole = parse_pabulib(read_file(pabulib_dir / file));
        REQUIRE(whole);
        auto text = in_hundredths(*whole);
        auto cents = parse_pabulib(text);
        REQUIRE_MESSAGE(cents, (cents ? "" : cents.error().message));
        CHECK(cents->election.ballots == whole->election.ballots);
        CHECK(cents->project_names == whole->project_names);
        // Greedy and MES do not depend on the unit money is counted in: pabutools' outcome.
        for (auto [rule, key] :
             {std::pair{budget_rule::greedy, "greedy"}, {budget_rule::mes, "mes"}}) {
            auto t = tally(*cents, rule);
            REQUIRE(t);
            CHECK(joined(t->selected) == joined(expected.at(key).get<std::vector<std::string>>()));
            ++cases;
        }
        // mes-add1 steps by one unit of the file: a hundred units of the original here, so it
        // matches the original stepped by 100.
        for (auto rule : {budget_rule::mes_add1, budget_rule::mes_add1_greedy}) {
            auto t = tally(*cents, rule);
            budget_options hundred;
            hundred.voter_budget_increment = 100;
            auto reference = tally_budget(whole->election, rule, hundred);
            REQUIRE(t);
            REQUIRE(reference);
            CHECK(joined(t->selected) == joined(reference->selected));
            ++cases;
        }
    }
    CHECK(cases == 20);
}

TEST_CASE("pabulib writer: quoted names and empty ballots read back the same") {
    pabulib_document doc;
    doc.meta = {{"description", "Presupuesto; 2025 \"Chamula\""},
                {"budget", "400000.00"},
                {"vote_type", "approval"}};
    doc.projects = {{"12", "120000.50", "Rampa; acceso"}, {"15", "300000.00", "Cisterna\nbomba"}};
    doc.votes = {{"12", "15"}, {}, {"15"}};
    auto text = write_pabulib(doc);
    CHECK(text.find("\n2;\n") != std::string::npos);
    auto back = parse_pabulib(text);
    REQUIRE_MESSAGE(back, (back ? "" : back.error().message));
    CHECK(back->meta[0].second == "Presupuesto; 2025 \"Chamula\"");
    CHECK(back->project_names == std::vector<std::string>{"Rampa; acceso", "Cisterna\nbomba"});
    CHECK(back->decimals == 1); // "120000.50" counts in tenths
    CHECK(back->election.budget == 4000000);
    CHECK(back->election.projects[0].cost == 1200005);
    REQUIRE(back->election.ballots.size() == 3);
    CHECK(back->election.ballots[0] == approval_ballot{0, 1});
    CHECK(back->election.ballots[1].empty());
}

} // namespace tally_pabulib_decimal_test
