#include "domain/assembly/proposal_csv.hpp"
#include "domain/assembly/proposal_review.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace proposal_rules_test {

namespace {
proposal make(std::string title, centavos cost) {
    proposal p;
    p.title = std::move(title);
    p.description = "  Una descripción\n\ncon dos párrafos.  ";
    p.category = category::obra;
    p.cost = cost;
    return p;
}
constexpr centavos budget = 40'000'000;
} // namespace

TEST_CASE("a new proposal needs a title, a positive cost within the clinic's budget") {
    auto ok = check_new_proposal(make("  Rampa   de acceso ", 12'000'000), budget);
    REQUIRE(ok);
    CHECK(ok->title == "Rampa de acceso");
    CHECK(ok->description == "Una descripción\ncon dos párrafos.");
    CHECK(check_new_proposal(make("Rampa", budget), budget));

    auto zero = check_new_proposal(make("Rampa", 0), budget);
    REQUIRE_FALSE(zero);
    CHECK(zero.error().field == "cost_centavos");
    CHECK_FALSE(check_new_proposal(make("Rampa", -5), budget));
    auto over = check_new_proposal(make("Rampa", budget + 1), budget);
    REQUIRE_FALSE(over);
    CHECK(over.error().code == "cost_over_budget");
    CHECK(over.error().message.find("$400,000.00") != std::string::npos);

    auto short_title = check_new_proposal(make("ab", 100), budget);
    REQUIRE_FALSE(short_title);
    CHECK(short_title.error().field == "title");
    CHECK_FALSE(check_new_proposal(make(std::string(121, 'x'), 100), budget));
    auto long_description = make("Rampa", 100);
    long_description.description = std::string(1001, 'x');
    auto refused = check_new_proposal(long_description, budget);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().field == "description");
}

TEST_CASE("review: accept, reject with a reason and merge only from valid states") {
    using enum proposal_status;
    CHECK(can_accept(pendiente));
    CHECK(can_accept(rechazada));
    CHECK_FALSE(can_accept(aceptada));
    auto merged = can_accept(fusionada);
    REQUIRE_FALSE(merged);
    CHECK(merged.error().kind == error_kind::conflict);
    CHECK(merged.error().code == "wrong_status");

    CHECK(check_reject(pendiente, "  Ya existe  ") == "Ya existe");
    CHECK(check_reject(aceptada, "Cambio de opinión"));
    CHECK_FALSE(check_reject(rechazada, "Otra vez"));
    CHECK_FALSE(check_reject(fusionada, "Otra vez"));
    auto no_reason = check_reject(pendiente, " ");
    REQUIRE_FALSE(no_reason);
    CHECK(no_reason.error().field == "reason");
    CHECK(no_reason.error().kind == error_kind::invalid);

    CHECK(can_merge(2, pendiente, 1, aceptada));
    CHECK(can_merge(2, aceptada, 1, aceptada));
    auto itself = can_merge(1, aceptada, 1, aceptada);
    REQUIRE_FALSE(itself);
    CHECK(itself.error().code == "merge_into_itself");
    auto into_pending = can_merge(2, pendiente, 1, pendiente);
    REQUIRE_FALSE(into_pending);
    CHECK(into_pending.error().code == "merge_target_not_accepted");
    CHECK_FALSE(can_merge(2, pendiente, 1, fusionada));
    CHECK_FALSE(can_merge(2, fusionada, 1, aceptada));
    CHECK_FALSE(can_merge(2, rechazada, 1, aceptada));

    for (auto s : {pendiente, aceptada, rechazada, fusionada})
        CHECK(parse_proposal_status(to_string(s)) == s);
    CHECK_FALSE(parse_proposal_status("borrada"));
}

TEST_CASE("the proposals CSV is read all or nothing with every bad line reported") {
    auto ok = parse_proposal_csv("Título,Descripción,Categoría,Costo,Origen\n"
                                 "Rampa,Para sillas de ruedas,Obra,\"$120,000.00\",diagnóstico\n"
                                 "Bancas,,mobiliario,30000,asamblea\n",
                                 budget);
    REQUIRE(ok.ok());
    REQUIRE(ok.proposals.size() == 2);
    CHECK(ok.proposals[0].title == "Rampa");
    CHECK(ok.proposals[0].cost == 12'000'000);
    CHECK(ok.proposals[0].category == category::obra);
    CHECK(ok.proposals[0].source == proposal_source::diagnostico);
    CHECK(ok.proposals[1].source == proposal_source::asamblea);
    CHECK(ok.proposals[1].description.empty());

    auto minimal = parse_proposal_csv("titulo,categoria,costo\nRampa,obra,100\n", budget);
    REQUIRE(minimal.ok());
    CHECK(minimal.proposals[0].source == proposal_source::diagnostico);

    auto bad = parse_proposal_csv("titulo,categoria,costo\n"
                                  "Rampa,obra,100\n"
                                  "Techo,jardineria,100\n"
                                  "Bomba,obra,cien\n"
                                  "Elevador,obra,500000\n"
                                  "ab,obra,10\n"
                                  "Solo,dos\n",
                                  budget);
    CHECK_FALSE(bad.ok());
    REQUIRE(bad.problems.size() == 5);
    CHECK(bad.problems[0].line == 3);
    CHECK(bad.problems[0].reason.find("categoría") != std::string::npos);
    CHECK(bad.problems[1].line == 4);
    CHECK(bad.problems[1].reason.find("costo") != std::string::npos);
    CHECK(bad.problems[2].line == 5);
    CHECK(bad.problems[2].reason.find("presupuesto") != std::string::npos);
    CHECK(bad.problems[3].line == 6);
    CHECK(bad.problems[4].line == 7);

    CHECK_FALSE(parse_proposal_csv("", budget).ok());
    CHECK_FALSE(parse_proposal_csv("titulo,categoria\nRampa,obra\n", budget).ok());
    CHECK_FALSE(parse_proposal_csv("titulo,categoria,costo,precio\n", budget).ok());
    CHECK_FALSE(parse_proposal_csv("titulo,categoria,costo\n", budget).ok());
    CHECK_FALSE(parse_proposal_csv("titulo,categoria,costo\n\"Rampa,obra,100\n", budget).ok());
    CHECK_FALSE(parse_proposal_csv("titulo,categoria,costo\nRamp\xff,obra,100\n", budget).ok());
    std::string many = "titulo,categoria,costo\n";
    for (std::size_t i = 0; i <= max_csv_proposals; ++i)
        many += "Propuesta " + std::to_string(i) + ",obra,100\n";
    CHECK_FALSE(parse_proposal_csv(many, budget).ok());
}

TEST_CASE("categories read back from their names and are shown in words") {
    for (auto c :
         {category::obra, category::mejoramiento, category::equipamiento, category::mobiliario}) {
        CHECK(parse_category(to_string(c)) == c);
        CHECK_FALSE(category_label(c).empty());
    }
    CHECK(category_label(category::equipamiento) == "Equipamiento");
    CHECK_FALSE(parse_category("Obra"));
}

} // namespace proposal_rules_test
