// tally_round, as the app counts a round: explanations name proposals by their titles.
#include "domain/round.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

namespace {

// Budget $400,000: «Rampa de acceso» (id 4, $50,000) and «Techumbre del patio» (id 7, $390,000).
round_spec budget_round() {
    round_spec spec;
    spec.kind = round_kind::budget;
    spec.title = "Presupuesto 2026";
    spec.budget = 40'000'000;
    spec.options = {{"4", "Rampa de acceso", 5'000'000, "obra", "", ""},
                    {"7", "Techumbre del patio", 39'000'000, "obra", "", ""}};
    auto made = make_round_spec(spec);
    REQUIRE(made);
    return *made;
}

round_result count(const round_spec& spec, const std::vector<std::vector<std::uint32_t>>& ballots,
                   std::int64_t present, std::int64_t quorum) {
    auto r = tally_round(spec, ballots, present, quorum);
    REQUIRE(r);
    return *r;
}

} // namespace

TEST_CASE("a budget tie is explained with the other proposal's title and the money that was left") {
    // Both have 3 votes; the ramp is cheaper, goes first, and the roof no longer fits.
    auto r = count(budget_round(), {{0, 1}, {0, 1}, {0, 1}}, 3, 2);
    CHECK(r.lines[0].selected);
    CHECK_FALSE(r.lines[1].selected);
    const auto& why = r.lines[1].explanation;
    CHECK(why == "No alcanzó el presupuesto restante: costaba $390,000.00 y quedaban $350,000.00. "
                 "Empató en votos con «Rampa de acceso», que fue antes por ser la de menor costo");
    CHECK(why.find("«4»") == std::string::npos);
}
