// A budget round counted in centavos and the same round written as a pabulib file in pesos with
// two decimals select the same proposals under every rule: the open data's .pb counts back to the
// published result, even with costs in centavos and the add-one steps of MES.
#include "domain/round.hpp"
#include "domain/tally/budget_tally.hpp"
#include "domain/tally/decimal_amount.hpp"
#include "domain/tally/pabulib.hpp"
#include "domain/tally/pabulib_writer.hpp"

#include <doctest/doctest.h>

#include <random>
#include <set>
#include <string>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace round_pabulib_test {

namespace {

round_spec round_with(const std::string& rule, centavos budget,
                      const std::vector<centavos>& costs) {
    round_spec spec;
    spec.kind = round_kind::budget;
    spec.title = "Presupuesto 2026";
    spec.budget = budget;
    spec.rule = rule;
    for (std::size_t i = 0; i < costs.size(); ++i)
        spec.options.push_back({std::to_string(i + 1), "Propuesta " + std::to_string(i + 1),
                                costs[i], "obra", "", ""});
    auto made = make_round_spec(spec);
    REQUIRE_MESSAGE(made, (made ? "" : made.error().message));
    return *made;
}

// The file the open data writes for the round (as app/open_data/round_pabulib does).
std::string as_pabulib(const round_spec& spec, const std::vector<std::vector<std::uint32_t>>& b) {
    pabulib_document doc;
    doc.meta = {{"budget", format_decimal(spec.budget, 2)}, {"vote_type", "approval"}};
    for (const auto& o : spec.options)
        doc.projects.push_back({o.id, format_decimal(o.cost, 2), o.label});
    for (const auto& ballot : b) {
        std::vector<std::string> ids;
        for (auto i : ballot)
            ids.push_back(spec.options[i].id);
        doc.votes.push_back(std::move(ids));
    }
    return write_pabulib(doc);
}

} // namespace

TEST_CASE("a budget round and its .pb select the same proposals under every rule") {
    std::mt19937 rng(20250215);
    for (int trial = 0; trial < 40; ++trial) {
        // Costs in centavos, some with centavos, some whole pesos, some whole thousands.
        std::vector<centavos> costs;
        std::uniform_int_distribution<int> count(3, 9);
        std::uniform_int_distribution<centavos> cost(1'000'00, 150'000'99);
        const int n = count(rng);
        for (int i = 0; i < n; ++i) {
            centavos c = cost(rng);
            if (trial % 3 == 1)
                c -= c % 100; // whole pesos: the file has no decimals
            costs.push_back(c);
        }
        const centavos budget = trial % 2 ? 400'000'00 : 216'829'41;
        std::vector<std::vector<std::uint32_t>> ballots;
        std::uniform_int_distribution<int> voters(5, 60);
        std::bernoulli_distribution approves(0.4);
        for (int v = voters(rng); v > 0; --v) {
            std::vector<std::uint32_t> b;
            for (int i = 0; i < n; ++i)
                if (approves(rng))
                    b.push_back(static_cast<std::uint32_t>(i));
            ballots.push_back(std::move(b));
        }
        for (const char* rule : {"greedy", "mes", "mes-add1", "mes-add1-greedy"}) {
            CAPTURE(trial);
            CAPTURE(rule);
            auto spec = round_with(rule, budget, costs);
            auto counted = tally_round(spec, ballots, 100, 1);
            REQUIRE(counted);
            std::set<std::string> published;
            for (const auto& line : counted->lines)
                if (line.selected)
                    published.insert(line.id);

            auto file = parse_pabulib(as_pabulib(spec, ballots));
            REQUIRE_MESSAGE(file, (file ? "" : file.error().message));
            budget_options options;
            options.voter_budget_increment = file->unit(); // what asamblea tally does
            auto again = tally_budget(file->election, *parse_budget_rule(rule), options);
            REQUIRE(again);
            CHECK(std::set<std::string>(again->selected.begin(), again->selected.end()) ==
                  published);
        }
    }
}

} // namespace round_pabulib_test
