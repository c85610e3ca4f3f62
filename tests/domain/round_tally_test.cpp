// tally_round, as the app counts a round: explanations name proposals by their titles, and a
// result records whether quorum held; without it nothing is chosen or elected.
#include "domain/committee.hpp"
#include "domain/round.hpp"
#include "domain/tally/budget_tally.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace round_tally_test {

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

TEST_CASE("a result records whether quorum held when it was counted") {
    auto spec = budget_round();
    auto with = count(spec, {{0}, {0, 1}}, 2, 2);
    CHECK(with.quorum_met);
    CHECK(with.summary.find("$50,000.00 de $400,000.00") != std::string::npos);
    CHECK(with.lines[0].explanation.starts_with("Seleccionada"));

    auto without = count(spec, {{0}, {0, 1}}, 1, 2);
    CHECK_FALSE(without.quorum_met);
    CHECK(without.summary ==
          "Sin quórum: había 1 asistente presente y se requieren 2; el resultado no es válido.");
    // The count itself is unchanged (a recount of an older result still matches), but no line
    // says it was chosen.
    CHECK(without.lines[0].votes == 2);
    CHECK(without.lines[0].selected == with.lines[0].selected);
    for (const auto& line : without.lines)
        CHECK(line.explanation.find("Seleccionada") == std::string::npos);
    CHECK(without.lines[0].explanation == "2 votos");
}

TEST_CASE("a motion without quorum neither passes nor fails, and says so") {
    round_spec spec;
    spec.kind = round_kind::motion;
    spec.title = "¿Aprobamos el orden del día?";
    auto made = make_round_spec(spec);
    REQUIRE(made);
    auto r = count(*made, {{0}, {0}, {1}}, 3, 5);
    CHECK_FALSE(r.quorum_met);
    CHECK_FALSE(r.lines[0].selected);
    CHECK_FALSE(r.lines[1].selected);
    CHECK(r.summary.starts_with("Sin quórum"));
    CHECK(count(*made, {{0}, {0}, {1}}, 5, 5).quorum_met);
}

TEST_CASE("an election without quorum elects nobody to the COSABI") {
    auto spec = make_role_election({committee_role::presidencia, "", 1, "", false},
                                   {{10, "Ana Pérez", "mujer"}, {11, "Luis Gómez", "hombre"}});
    REQUIRE(spec);
    auto valid = count(*spec, {{0}, {0}, {1}}, 5, 3);
    CHECK(valid.quorum_met);
    REQUIRE(elected_seats(*spec, valid).size() == 1);

    auto without = count(*spec, {{0}, {0}, {1}}, 2, 3);
    CHECK_FALSE(without.quorum_met);
    CHECK(elected_seats(*spec, without).empty());
    CHECK(without.summary.starts_with("Sin quórum: había 2 asistentes presentes"));
    CHECK(without.lines[0].explanation == "2 votos");
}

TEST_CASE("opening a round without quorum needs the moderator's confirmation") {
    CHECK(check_open_quorum(20, 20, false));
    CHECK(check_open_quorum(0, 0, false));
    CHECK(check_open_quorum(1, 20, true));
    auto refused = check_open_quorum(3, 20, false);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == error_kind::conflict);
    CHECK(refused.error().code == "sin_quorum");
    CHECK(refused.error().field == "confirm_without_quorum");
    CHECK(refused.error().message ==
          "Aún no hay quórum: hay 3 asistentes presentes y se requieren 20. Si abre la votación "
          "así, su resultado no será válido. Para abrirla de todos modos, confírmelo.");
}

TEST_CASE("votes kept by the caller give the same result; votes that do not fit are refused") {
    auto spec = budget_round();
    std::vector<std::vector<std::uint32_t>> ballots = {{0}, {0, 1}, {1}, {1}};
    auto counted = count(spec, ballots, 4, 2);
    auto kept = tally_round(spec, ballots, std::vector<std::int64_t>{2, 3}, 4, 2);
    REQUIRE(kept);
    REQUIRE(kept->lines.size() == counted.lines.size());
    for (std::size_t i = 0; i < counted.lines.size(); ++i) {
        CHECK(kept->lines[i].votes == counted.lines[i].votes);
        CHECK(kept->lines[i].selected == counted.lines[i].selected);
        CHECK(kept->lines[i].explanation == counted.lines[i].explanation);
    }
    CHECK(kept->summary == counted.summary);
    CHECK(kept->spent == counted.spent);

    auto short_votes = tally_round(spec, ballots, std::vector<std::int64_t>{2}, 4, 2);
    REQUIRE_FALSE(short_votes);
    CHECK(short_votes.error().code == "bad_votes");
    std::vector<budget_project> projects = {{"4", 5'000'000}, {"7", 39'000'000}};
    CHECK(tally_budget_greedy_approvals(40'000'000, projects, std::vector<std::int64_t>{-1, 2})
              .error()
              .code == "bad_approvals");
    CHECK(tally_budget_greedy_approvals(40'000'000, projects, std::vector<std::int64_t>{1})
              .error()
              .code == "bad_approvals");
    auto greedy =
        tally_budget_greedy_approvals(40'000'000, projects, std::vector<std::int64_t>{2, 3});
    REQUIRE(greedy);
    CHECK(greedy->selected == std::vector<std::string>{"7"});
}

} // namespace round_tally_test
