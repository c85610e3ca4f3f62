// Hand-made budget rounds: ties under each criterion, explanations, and edge cases.
#include "domain/tally/budget_tally.hpp"
#include "domain/tally/id_order.hpp"
#include "domain/tally/pabulib.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace tally_budget_test {

namespace {

budget_election election(std::int64_t budget, std::vector<budget_project> projects,
                         std::vector<std::vector<std::string>> ballots) {
    auto e = make_budget_election(budget, std::move(projects), ballots);
    REQUIRE(e);
    return *e;
}

budget_tally tally(const budget_election& e, budget_rule rule) {
    auto t = tally_budget(e, rule);
    REQUIRE(t);
    return *t;
}

const project_explanation& of(const budget_tally& t, std::string_view id) {
    for (const auto& p : t.projects)
        if (p.project_id == id)
            return p;
    FAIL("no project " << id);
    return t.projects.front();
}

} // namespace

TEST_CASE("ids compare as numbers when both are numeric, else as text") {
    CHECK(compare_ids("9", "10") < 0);
    CHECK(compare_ids("c10", "c2") < 0);
    CHECK(compare_ids("007", "7") < 0); // equal value, bytes decide
    CHECK(compare_ids("7", "7") == 0);
    CHECK(compare_ids("123456789012345678901234567890", "99") > 0);
    CHECK(compare_ids("10", "2a") < 0);
    std::vector<std::string> ids{"c2", "10", "c10", "9", "b", "2a"};
    sort_ids(ids);
    CHECK(ids == std::vector<std::string>{"9", "10", "2a", "b", "c10", "c2"});
}

TEST_CASE("rule names round-trip") {
    for (auto r : {budget_rule::greedy, budget_rule::mes, budget_rule::mes_add1,
                   budget_rule::mes_add1_greedy})
        CHECK(parse_budget_rule(to_string(r)) == r);
    CHECK(parse_budget_rule("mes_add1_greedy") == budget_rule::mes_add1_greedy);
    CHECK_FALSE(parse_budget_rule("pav"));
}

TEST_CASE("greedy: a tie on votes goes to the cheaper project, and the loser is told why") {
    auto e = election(10, {{"A", 6}, {"B", 5}, {"C", 4}, {"D", 1}},
                      {{"A", "B", "C"}, {"A", "B", "C"}, {"A", "B", "C"}, {"A", "B"}, {"A", "B"}});
    auto t = tally(e, budget_rule::greedy);
    CHECK(t.selected == std::vector<std::string>{"B", "C"});
    CHECK(t.spent == 9);
    CHECK(of(t, "A").status == project_status::lost_tie);
    CHECK(of(t, "A").tied_with == "B");
    CHECK(of(t, "A").criterion == tie_criterion::lower_cost);
    CHECK(of(t, "A").cause == project_status::over_budget);
    CHECK(of(t, "A").budget_left == 5);
    // The money is what kept it out; the tie only decided which went first.
    CHECK(explain(of(t, "A")) == "No alcanzó el presupuesto restante: costaba $0.06 y quedaban "
                                 "$0.05. Empató en votos con «B», que fue antes por ser la de "
                                 "menor costo");
    CHECK(of(t, "B").order == 1);
    CHECK(of(t, "C").order == 2);
    CHECK(of(t, "D").status == project_status::insufficient_support);
    CHECK(explain(of(t, "D")) == "Sin apoyo: no recibió votos");
}

TEST_CASE("greedy: equal cost and votes fall to the smaller id, numeric or textual") {
    auto numeric = election(5, {{"10", 5}, {"9", 5}}, {{"10", "9"}});
    auto t = tally(numeric, budget_rule::greedy);
    CHECK(t.selected == std::vector<std::string>{"9"});
    CHECK(of(t, "10").status == project_status::lost_tie);
    CHECK(explain(of(t, "10")) == "No alcanzó el presupuesto restante: costaba $0.05 y quedaban "
                                  "$0.00. Empató en votos con «9», que fue antes por tener el "
                                  "identificador menor");

    auto text = election(5, {{"c9", 5}, {"c10", 5}}, {{"c9", "c10"}});
    t = tally(text, budget_rule::greedy);
    CHECK(t.selected == std::vector<std::string>{"c10"});
    CHECK(of(t, "c9").tied_with == "c10");
}

TEST_CASE("greedy: a project that did not fit without any tie is over budget") {
    auto e = election(10, {{"A", 8}, {"B", 5}}, {{"A", "B"}, {"A"}});
    auto t = tally(e, budget_rule::greedy);
    CHECK(t.selected == std::vector<std::string>{"A"});
    CHECK(of(t, "B").status == project_status::over_budget);
    CHECK(of(t, "B").budget_left == 2);
    CHECK(explain(of(t, "B"), 100) ==
          "No alcanzó el presupuesto restante: costaba $5.00 y quedaban $2.00");
}

TEST_CASE("a tie names the other project as people know it, and says what kept this one out") {
    // Budget $400,000: the ramp and the roof both have 3 votes; the ramp is cheaper and goes first,
    // and then the roof no longer fits in what is left.
    auto e = election(40'000'000, {{"4", 5'000'000}, {"7", 39'000'000}},
                      {{"4", "7"}, {"4", "7"}, {"4", "7"}});
    auto t = tally(e, budget_rule::greedy);
    CHECK(t.selected == std::vector<std::string>{"4"});
    REQUIRE(of(t, "7").status == project_status::lost_tie);
    auto titles = [](std::string_view id) -> std::string {
        return id == "4" ? "Rampa de acceso" : "Techumbre del patio";
    };
    auto text = explain(of(t, "7"), 1, titles);
    CHECK(text == "No alcanzó el presupuesto restante: costaba $390,000.00 y quedaban "
                  "$350,000.00. Empató en votos con «Rampa de acceso», que fue antes por ser la de "
                  "menor costo");
    CHECK(text.find("«4»") == std::string::npos);
    CHECK(text.find("Empate con") == std::string::npos);
    // Without names, the id is all there is.
    CHECK(explain(of(t, "7")).find("«4»") != std::string::npos);
}

TEST_CASE("greedy from the ballots as given: the same tally as from a made election") {
    // Ties on votes and cost, projects without votes, free ones, and ballots that repeat a
    // project or list it out of order (a repeat counts once, as make_budget_election makes it).
    std::mt19937 rng(20261206);
    for (int trial = 0; trial < 200; ++trial) {
        CAPTURE(trial);
        std::uniform_int_distribution<int> count(1, 12);
        std::uniform_int_distribution<std::int64_t> cost(0, 6);
        std::vector<budget_project> projects;
        for (int i = count(rng); i > 0; --i)
            projects.push_back({std::to_string(projects.size() + 1), cost(rng) * 1000});
        std::vector<approval_ballot> ballots;
        std::uniform_int_distribution<std::uint32_t> pick(
            0, static_cast<std::uint32_t>(projects.size() - 1));
        std::uniform_int_distribution<int> length(0, 4);
        for (int v = std::uniform_int_distribution<int>(0, 40)(rng); v > 0; --v) {
            approval_ballot b;
            for (int k = length(rng); k > 0; --k)
                b.push_back(pick(rng));
            ballots.push_back(std::move(b));
        }
        const std::int64_t budget = std::uniform_int_distribution<std::int64_t>(0, 20)(rng) * 1000;
        auto made = make_budget_election(budget, projects, ballots);
        REQUIRE(made);
        auto expected = tally_budget(*made, budget_rule::greedy);
        auto direct = tally_budget_greedy(budget, projects, ballots);
        REQUIRE(expected);
        REQUIRE(direct);
        CHECK(direct->selected == expected->selected);
        CHECK(direct->spent == expected->spent);
        REQUIRE(direct->projects.size() == expected->projects.size());
        for (std::size_t p = 0; p < projects.size(); ++p) {
            CAPTURE(p);
            CHECK(direct->projects[p].approvals == expected->projects[p].approvals);
            CHECK(direct->projects[p].status == expected->projects[p].status);
            CHECK(direct->projects[p].order == expected->projects[p].order);
            CHECK(explain(direct->projects[p]) == explain(expected->projects[p]));
        }
    }
}

TEST_CASE("greedy from the ballots as given refuses what a made election refuses") {
    std::vector<budget_project> projects{{"1", 100}, {"2", 200}};
    std::vector<approval_ballot> past{{0, 2}};
    auto unknown = tally_budget_greedy(1000, projects, past);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == "ballot_unknown_project");
    std::vector<budget_project> twice{{"1", 100}, {"1", 200}};
    auto duplicate = tally_budget_greedy(1000, twice, std::vector<approval_ballot>{});
    REQUIRE_FALSE(duplicate);
    CHECK(duplicate.error().code == "project_id_duplicate");
}

TEST_CASE("an election's projects are checked in their order: the first fault is the one told") {
    auto fault = [](std::vector<budget_project> projects) {
        auto e = make_budget_election(1000, std::move(projects), std::vector<approval_ballot>{});
        REQUIRE_FALSE(e);
        return e.error();
    };
    // A repeat found among unsorted ids names the repeated id, at its second place.
    auto repeat = fault({{"z", 1}, {"a", 1}, {"m", 1}, {"a", 2}});
    CHECK(repeat.code == "project_id_duplicate");
    CHECK(repeat.message.find("«a»") != std::string::npos);
    // A bad cost before the repeat is told first; at one place the repeat comes before its cost.
    CHECK(fault({{"b", 1}, {"a", -5}, {"b", 2}}).code == "project_cost_out_of_range");
    auto both = fault({{"b", 1}, {"a", 2}, {"b", -1}, {"a", 3}});
    CHECK(both.code == "project_id_duplicate");
    CHECK(both.message.find("«b»") != std::string::npos);
    CHECK(fault({{"b", 1}, {"", 2}, {"b", 3}}).code == "project_id_missing");
    auto ok =
        make_budget_election(1000, {{"c", 1}, {"b", 1}, {"a", 1}}, std::vector<approval_ballot>{});
    CHECK(ok.has_value());
}

TEST_CASE("MES: equal affordability goes to the cheaper project") {
    // Both voters can afford A (cost 2) or B (cost 4) at half their price each: a tie on
    // affordability. A wins on cost; afterwards the voters cannot pay for B.
    auto e = election(4, {{"A", 2}, {"B", 4}}, {{"A", "B"}, {"A", "B"}});
    for (auto rule : {budget_rule::mes, budget_rule::mes_add1}) {
        auto t = tally(e, rule);
        CHECK(t.selected == std::vector<std::string>{"A"});
        CHECK(of(t, "B").status == project_status::lost_tie);
        CHECK(of(t, "B").tied_with == "A");
        CHECK(of(t, "B").criterion == tie_criterion::lower_cost);
    }
    auto t = tally(e, budget_rule::mes_add1_greedy);
    CHECK(of(t, "B").status == project_status::over_budget); // the completion looked at it last
    CHECK(of(t, "B").stage == selection_stage::completion);
}

TEST_CASE("MES: equal affordability and cost goes to the project with more votes") {
    // Eight voters with 3 each. D (5 voters, cost 10) is the best buy first and leaves two of B's
    // voters with 1. Then A (3 voters with 3) and B (two with 1, two with 3) both cost 2 per full
    // payer out of 6: equal affordability and cost, and B has more votes. A's voters cannot pay
    // for it afterwards.
    auto e = election(24, {{"A", 6}, {"B", 6}, {"D", 10}},
                      {{"D", "B"}, {"D", "B"}, {"A", "B"}, {"A", "B"}, {"A"}, {"D"}, {"D"}, {"D"}});
    auto t = tally(e, budget_rule::mes);
    CHECK(t.selected == std::vector<std::string>{"B", "D"});
    CHECK(of(t, "D").order == 1);
    CHECK(of(t, "B").order == 2);
    CHECK(of(t, "A").status == project_status::lost_tie);
    CHECK(of(t, "A").tied_with == "B");
    CHECK(of(t, "A").criterion == tie_criterion::more_approvals);
    CHECK(of(t, "A").cause == project_status::insufficient_support);
    CHECK(explain(of(t, "A")) == "Apoyo insuficiente: a quienes la votaron (3 votos) ya no les "
                                 "alcanzaba su parte del presupuesto para cubrir $0.06. Antes "
                                 "empató con «B», que se eligió por tener más votos");
}

TEST_CASE("MES: a project its voters cannot pay for has insufficient support") {
    auto e =
        election(100, {{"big", 90}, {"small", 10}}, {{"big"}, {"small"}, {"small"}, {"small"}});
    auto t = tally(e, budget_rule::mes);
    CHECK(t.selected == std::vector<std::string>{"small"});
    CHECK(of(t, "big").status == project_status::insufficient_support);
    CHECK(explain(of(t, "big")) == "Apoyo insuficiente: a quienes la votaron (1 voto) ya no les "
                                   "alcanzaba su parte del presupuesto "
                                   "para cubrir $0.90");
    // Greedy funds the most voted first and then the other one.
    CHECK(tally(e, budget_rule::greedy).selected == std::vector<std::string>{"big", "small"});
}

TEST_CASE("explanations in plain Spanish") {
    project_explanation e;
    e.project_id = "7";
    e.cost = 30'000'000; // centavos
    e.approvals = 120;
    e.status = project_status::selected;
    CHECK(explain(e) == "Seleccionada: 120 votos, costo $300,000.00");
    e.stage = selection_stage::completion;
    e.approvals = 1;
    CHECK(explain(e) == "Seleccionada con el dinero sobrante: 1 voto, costo $300,000.00");
}

TEST_CASE("free projects, empty rounds and bad options") {
    auto e = election(0, {{"free", 0}, {"paid", 5}, {"nobody", 0}}, {{"free", "paid"}});
    for (auto rule : {budget_rule::greedy, budget_rule::mes, budget_rule::mes_add1,
                      budget_rule::mes_add1_greedy}) {
        auto t = tally(e, rule);
        CHECK(t.selected == std::vector<std::string>{"free"});
        CHECK(of(t, "nobody").status == project_status::insufficient_support);
    }
    auto none = election(100, {{"a", 5}}, {});
    for (auto rule : {budget_rule::greedy, budget_rule::mes, budget_rule::mes_add1,
                      budget_rule::mes_add1_greedy})
        CHECK(tally(none, rule).selected.empty());
    CHECK_FALSE(tally_budget(none, budget_rule::mes_add1, budget_options{0}));
    CHECK_FALSE(make_budget_election(10, {{"a", 1}, {"a", 2}}, std::vector<approval_ballot>{}));
    CHECK_FALSE(make_budget_election(10, {{"a", -1}}, std::vector<approval_ballot>{}));
    CHECK_FALSE(make_budget_election(10, {{"a", 1}}, std::vector<approval_ballot>{{1}}));
    CHECK_FALSE(make_budget_election(10, {{"a", 1}}, std::vector<std::vector<std::string>>{{"b"}}));
    // Built by hand, bypassing make_budget_election: the tally checks again.
    CHECK_FALSE(tally_budget(budget_election{10, {{"a", 1}}, {{0, 0}}}, budget_rule::greedy));
    CHECK_FALSE(tally_budget(budget_election{10, {{"a", 1}}, {{1}}}, budget_rule::mes));
    CHECK_FALSE(tally_budget(budget_election{-1, {{"a", 1}}, {}}, budget_rule::mes));
    CHECK_FALSE(tally_budget(budget_election{10, {{"a", -5}}, {}}, budget_rule::greedy));
}

TEST_CASE("every project gets exactly one explanation and the selection adds up") {
    const auto file = std::filesystem::path(ASAMBLEA_SHARED_DIR) / "pabulib" /
                      "poland_warszawa_2019_obszar-iii-powsin-kepa-latoszkowa-zamosc-latoszki.pb";
    if (!std::filesystem::exists(file)) {
        MESSAGE("skipped: " << file.string() << " is absent");
        return;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    auto parsed = parse_pabulib(s.str());
    REQUIRE(parsed);
    auto t = tally(parsed->election, budget_rule::mes_add1_greedy);
    CHECK(t.projects.size() == parsed->election.projects.size());
    std::int64_t spent = 0;
    std::size_t selected = 0;
    for (const auto& p : t.projects) {
        CHECK_FALSE(explain(p, 100).empty());
        if (p.status == project_status::selected) {
            spent += p.cost;
            ++selected;
        }
    }
    CHECK(spent == t.spent);
    CHECK(selected == t.selected.size());
    // The reference adds 1857 in the greedy completion.
    CHECK(of(t, "1857").status == project_status::selected);
    CHECK(of(t, "1857").stage == selection_stage::completion);
    CHECK(of(t, "37").stage == selection_stage::rule);
}

} // namespace tally_budget_test
