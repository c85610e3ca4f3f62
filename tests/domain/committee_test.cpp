// The COSABI rules around the tallies: roles and seats, a role's election from its nominations,
// the runoff after a tie, which seats a closed round fills, ratification, who may stand.
#include "domain/committee.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace committee_test {

namespace {

std::vector<nominee> people(int n) {
    std::vector<nominee> out;
    for (int i = 0; i < n; ++i)
        out.push_back({10 + i, "Persona " + std::to_string(i), i % 2 ? "hombre" : "mujer"});
    return out;
}

round_result tally(const round_spec& spec, const std::vector<std::vector<std::uint32_t>>& ballots,
                   std::int64_t present = 10, std::int64_t quorum = 1) {
    auto r = tally_round(spec, ballots, present, quorum);
    REQUIRE(r);
    return *r;
}

} // namespace

TEST_CASE("roles: names, labels and seats") {
    CHECK(committee_roles.size() == 5);
    for (auto r : committee_roles)
        CHECK(parse_committee_role(to_string(r)) == r);
    CHECK_FALSE(parse_committee_role("Presidencia"));
    CHECK_FALSE(parse_committee_role(""));
    CHECK(role_label(committee_role::secretaria_tecnica) == "Secretaría técnica");
    CHECK(role_label(committee_role::aval_ciudadano) == "Aval ciudadano");
    CHECK(role_label(std::string_view("tesoreria")) == "Tesorería");
    CHECK(role_label(std::string_view("suplencia")) == "suplencia"); // unknown: as stored
    CHECK(max_seats(committee_role::presidencia) == 1);
    CHECK(max_seats(committee_role::tesoreria) == 1);
    CHECK(max_seats(committee_role::vocalia) == 5);
    using st = assembly_state;
    CHECK(require_nominations_open(st::registro));
    CHECK(require_nominations_open(st::en_sesion));
    for (auto s : {st::convocada, st::suspendida, st::cerrada}) {
        auto closed = require_nominations_open(s);
        REQUIRE_FALSE(closed);
        CHECK(closed.error().code == "wrong_state");
    }
}

TEST_CASE("a single-seat role's election: one option per nominee, one seat, plurality") {
    auto spec = make_role_election({committee_role::presidencia, "", 0, "", true}, people(3));
    REQUIRE(spec);
    CHECK(spec->kind == round_kind::election);
    CHECK(spec->role == "presidencia");
    CHECK(spec->title == "Elección de presidencia del COSABI");
    CHECK(spec->seats == 1);
    CHECK(spec->max_choices == 1);
    CHECK_FALSE(spec->parity); // parity means nothing with one seat
    REQUIRE(spec->options.size() == 3);
    CHECK(spec->options[1].id == "11");
    CHECK(spec->options[1].label == "Persona 1");
    CHECK(spec->options[1].sex == "hombre");

    auto one =
        make_role_election({committee_role::tesoreria, "Tesorería", 0, "", false}, people(1));
    REQUIRE(one);
    CHECK(one->title == "Tesorería");

    auto none = make_role_election({committee_role::tesoreria, "", 0, "", false}, {});
    REQUIRE_FALSE(none);
    CHECK(none.error().code == "no_nominations");
    CHECK(none.error().kind == error_kind::conflict);
    auto two = make_role_election({committee_role::aval_ciudadano, "", 2, "", false}, people(3));
    REQUIRE_FALSE(two);
    CHECK(two.error().code == "bad_seats");
}

TEST_CASE("vocalías: up to 5 seats, av by default, each ballot approves at most the seats") {
    auto spec = make_role_election({committee_role::vocalia, "", 0, "", true}, people(7));
    REQUIRE(spec);
    CHECK(spec->title == "Elección de vocalías del COSABI");
    CHECK(spec->seats == 5);
    CHECK(spec->max_choices == 5);
    CHECK(spec->rule == "av");
    CHECK(spec->parity);
    auto few =
        make_role_election({committee_role::vocalia, "", 0, "seqphragmen", false}, people(3));
    REQUIRE(few);
    CHECK(few->seats == 3); // as many as stand, when fewer than 5
    CHECK(few->rule == "seqphragmen");

    auto six = make_role_election({committee_role::vocalia, "", 6, "", false}, people(7));
    REQUIRE_FALSE(six);
    CHECK(six.error().code == "bad_seats");
    auto more_than_people =
        make_role_election({committee_role::vocalia, "", 4, "", false}, people(3));
    REQUIRE_FALSE(more_than_people);
    CHECK(more_than_people.error().message.find("Hay 3 postulaciones") != std::string::npos);
    auto bad_rule = make_role_election({committee_role::vocalia, "", 2, "mes", false}, people(3));
    REQUIRE_FALSE(bad_rule);
    CHECK(bad_rule.error().code == "bad_rule");
    auto no_sex = people(3);
    no_sex[1].sexo.clear();
    auto parity_without_sex =
        make_role_election({committee_role::vocalia, "", 2, "", true}, no_sex);
    REQUIRE_FALSE(parity_without_sex);
    CHECK(parity_without_sex.error().code == "candidate_sex_missing");
}

TEST_CASE("make_round_spec checks the COSABI fields") {
    round_spec s;
    s.kind = round_kind::budget;
    s.title = "x";
    s.budget = 100;
    s.options = {{"1", "A", 10, "", "", ""}};
    s.role = "presidencia";
    auto r = make_round_spec(s);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "bad_role");
    s.role.clear();
    s.ratify_committee = true;
    r = make_round_spec(s);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "bad_ratification");

    round_spec e;
    e.kind = round_kind::election;
    e.title = "x";
    e.options = {{"1", "A", 0, "", "", ""}, {"2", "B", 0, "", "", ""}};
    e.role = "rey";
    CHECK(make_round_spec(e).error().code == "bad_role");
    e.role = "tesoreria";
    e.seats = 2;
    CHECK(make_round_spec(e).error().code == "bad_seats");
    e.seats = 1;
    CHECK(make_round_spec(e));
}

TEST_CASE("a tie goes to a runoff among the tied only; a runoff of a runoff is the third round") {
    auto spec = make_role_election({committee_role::presidencia, "", 0, "", false}, people(3));
    REQUIRE(spec);
    auto tied = tally(*spec, {{0}, {1}, {0}, {1}, {2}});
    CHECK(tied.runoff);
    CHECK(tied.tied == std::vector<std::string>{"10", "11"});
    CHECK(elected_seats(*spec, tied).empty());

    auto second = make_runoff(*spec, 7, tied.tied);
    REQUIRE(second);
    CHECK(second->title == "Elección de presidencia del COSABI (segunda vuelta)");
    CHECK(second->runoff_of == 7);
    CHECK(second->runoff_depth == 1);
    CHECK(second->role == "presidencia");
    REQUIRE(second->options.size() == 2);
    CHECK(second->options[0].label == "Persona 0");
    CHECK(second->options[1].id == "11");

    auto third = make_runoff(*second, 8, {"10", "11"});
    REQUIRE(third);
    CHECK(third->title == "Elección de presidencia del COSABI (tercera vuelta)");
    CHECK(third->runoff_depth == 2);

    auto won = tally(*second, {{0}, {0}, {1}});
    CHECK_FALSE(won.runoff);
    auto seats = elected_seats(*second, won);
    REQUIRE(seats.size() == 1);
    CHECK(seats[0].option_id == "10");
    CHECK(seats[0].seat == 1);

    CHECK(make_runoff(*spec, 7, {"10"}).error().code == "no_tie");
    CHECK(make_runoff(*spec, 7, {"10", "99"}).error().code == "bad_options");
    auto vocal = make_role_election({committee_role::vocalia, "", 2, "", false}, people(3));
    CHECK(make_runoff(*vocal, 7, {"10", "11"}).error().code == "no_tie");
}

TEST_CASE("vocalías fill their seats in order; parity is explained") {
    auto spec = make_role_election({committee_role::vocalia, "", 3, "", true}, people(5));
    REQUIRE(spec);
    // Options: 10 mujer, 11 hombre, 12 mujer, 13 hombre, 14 mujer.
    auto r = tally(*spec, {{0, 2, 4}, {0, 2, 4}, {0, 2, 4}, {0, 2, 1}});
    auto seats = elected_seats(*spec, r);
    REQUIRE(seats.size() == 3);
    CHECK(seats[0].option_id == "10");
    CHECK(seats[1].option_id == "12");
    CHECK(seats[2].option_id == "11"); // 14 was third but a third mujer breaks parity
    CHECK(r.lines[1].seat == 3);
    CHECK(r.lines[4].seat == 0);
    CHECK(r.lines[4].explanation.find("Se omitió por paridad") == 0);
    CHECK(r.summary ==
          "Se ocuparon 3 de 3 lugares. Con paridad: ningún sexo ocupa más de 2 de los 3 lugares.");

    // Without a role a round fills nothing in the committee.
    auto plain = *spec;
    plain.role.clear();
    CHECK(elected_seats(plain, r).empty());
}

TEST_CASE("a ratification motion keeps the committee only when it passes with quorum") {
    auto spec = make_round_spec(make_ratification("", 2025));
    REQUIRE(spec);
    CHECK(spec->title == "¿Ratificar al COSABI electo en 2025 por un año más?");
    CHECK(spec->ratify_committee);
    CHECK(ratification_passed(*spec, tally(*spec, {{0}, {0}, {1}}, 10, 5)));
    CHECK_FALSE(ratification_passed(*spec, tally(*spec, {{0}, {1}, {1}}, 10, 5)));
    CHECK_FALSE(ratification_passed(*spec, tally(*spec, {{0}, {0}}, 3, 5)));  // no quorum
    CHECK_FALSE(ratification_passed(*spec, tally(*spec, {{0}, {1}}, 10, 5))); // a tie
    auto plain = *spec;
    plain.ratify_committee = false;
    CHECK_FALSE(ratification_passed(plain, tally(plain, {{0}}, 10, 5)));
    CHECK(make_ratification("¿Seguimos?", 2025).title == "¿Seguimos?");
}

TEST_CASE("a nominee stands when present and holding no other role of the term") {
    CHECK(may_stand_for(true, std::nullopt, "tesoreria"));
    CHECK(may_stand_for(true, std::string("tesoreria"), "tesoreria")); // re-elected to the same
    CHECK_FALSE(may_stand_for(true, std::string("presidencia"), "tesoreria"));
    CHECK_FALSE(may_stand_for(false, std::nullopt, "tesoreria"));
}

TEST_CASE("standing for a role: the refusal says why, one wording for nominations and rounds") {
    CHECK(check_may_stand(true, std::nullopt, "tesoreria"));
    CHECK(check_may_stand(true, std::string("tesoreria"), "tesoreria"));
    auto absent = check_may_stand(false, std::nullopt, "tesoreria");
    REQUIRE_FALSE(absent);
    CHECK(absent.error().code == "not_present");
    CHECK(absent.error().kind == error_kind::conflict);
    CHECK(absent.error().field == "attendee_id");
    auto elected = check_may_stand(true, std::string("presidencia"), "tesoreria");
    REQUIRE_FALSE(elected);
    CHECK(elected.error().code == "already_elected");
    CHECK(elected.error().message.find("Presidencia") != std::string::npos);
    // Absent comes first: a member who left the room is not present either.
    CHECK(check_may_stand(false, std::string("presidencia"), "tesoreria").error().code ==
          "not_present");

    auto pending = role_round_pending("vocalia", "Vocalías 2026");
    CHECK(pending.code == "role_round_pending");
    CHECK(pending.kind == error_kind::conflict);
    CHECK(pending.field == "role");
    CHECK(pending.message.find("Vocalía") != std::string::npos);
    CHECK(pending.message.find("«Vocalías 2026»") != std::string::npos);
}

} // namespace committee_test
