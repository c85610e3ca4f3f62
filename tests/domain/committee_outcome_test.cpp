// What a closed round does to the COSABI of its term: a role's final result replaces that role's
// members, a passed ratification copies the previous committee, anything else changes nothing.
#include "domain/committee.hpp"
#include "domain/committee_outcome.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace committee_outcome_test {

namespace {

using change = committee_outcome::change;

round_result tally(const round_spec& spec, const std::vector<std::vector<std::uint32_t>>& ballots,
                   std::int64_t present = 10, std::int64_t quorum = 1) {
    auto r = tally_round(spec, ballots, present, quorum);
    REQUIRE(r);
    return *r;
}

round_spec treasurer_election() {
    auto spec = make_role_election({committee_role::tesoreria, "", 0, "", false},
                                   {{41, "Ana", "mujer"}, {42, "Beto", "hombre"}});
    REQUIRE(spec);
    return *spec;
}

std::vector<committee_seat> last_year() {
    return {{"presidencia", 1, "Rosa", "mujer", 7, 101, 900},
            {"vocalia", 2, "Luis", "hombre", 0, 102, 0}};
}

} // namespace

TEST_CASE("a role's final result replaces that role's members with its winners") {
    auto spec = treasurer_election();
    auto out = committee_outcome_of(spec, tally(spec, {{1}, {1}, {0}}), last_year());
    CHECK(out.kind == change::elect_role);
    CHECK(out.role == "tesoreria");
    REQUIRE(out.seats.size() == 1);
    CHECK(out.seats[0].role == "tesoreria");
    CHECK(out.seats[0].seat == 1);
    CHECK(out.seats[0].nombre == "Beto");
    CHECK(out.seats[0].sexo == "hombre");
    CHECK(out.seats[0].attendee_id == 42); // the option names the attendee
    CHECK(out.seats[0].ratified_from == 0);
    CHECK(out.seats[0].user_id == 0); // a new member has no login yet
}

TEST_CASE("vocalías fill their seats in order; an option that names no attendee names no one") {
    auto spec =
        make_role_election({committee_role::vocalia, "", 2, "av", false},
                           {{51, "Carla", "mujer"}, {52, "Dora", "mujer"}, {53, "Eva", "mujer"}});
    REQUIRE(spec);
    spec->options[2].id = "no-es-un-numero";
    auto out = committee_outcome_of(*spec, tally(*spec, {{2, 0}, {2, 0}, {2}}), {});
    CHECK(out.kind == change::elect_role);
    REQUIRE(out.seats.size() == 2);
    CHECK(out.seats[0].seat == 1);
    CHECK(out.seats[0].nombre == "Eva");
    CHECK(out.seats[0].attendee_id == 0);
    CHECK(out.seats[1].seat == 2);
    CHECK(out.seats[1].nombre == "Carla");
    CHECK(out.seats[1].attendee_id == 51);
}

TEST_CASE("a tie, a result without quorum or a round of no role changes nothing") {
    auto spec = treasurer_election();
    CHECK(committee_outcome_of(spec, tally(spec, {{0}, {1}}), {}).kind == change::none);
    CHECK(committee_outcome_of(spec, tally(spec, {{0}}, 3, 5), {}).kind == change::none);
    auto plain = spec;
    plain.role.clear();
    CHECK(committee_outcome_of(plain, tally(plain, {{0}}), last_year()).kind == change::none);
}

TEST_CASE("a passed ratification copies the previous committee, logins included") {
    auto spec = make_round_spec(make_ratification("", 2025));
    REQUIRE(spec);
    auto out = committee_outcome_of(*spec, tally(*spec, {{0}, {0}, {1}}), last_year());
    CHECK(out.kind == change::ratify);
    CHECK(out.role.empty()); // the whole term
    REQUIRE(out.seats.size() == 2);
    CHECK(out.seats[0].nombre == "Rosa");
    CHECK(out.seats[0].ratified_from == 101);
    CHECK(out.seats[0].user_id == 900);
    CHECK(out.seats[1].role == "vocalia");
    CHECK(out.seats[1].seat == 2);

    // Rejected, or with nothing to copy: no change.
    CHECK(committee_outcome_of(*spec, tally(*spec, {{1}, {1}, {0}}), last_year()).kind ==
          change::none);
    CHECK(committee_outcome_of(*spec, tally(*spec, {{0}}), {}).kind == change::none);
}

} // namespace committee_outcome_test
