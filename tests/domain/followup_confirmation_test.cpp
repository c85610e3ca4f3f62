// Confirming a delivered work item: two people, two roles, once each, only when entregado.
#include "domain/followup/confirmation_rule.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

TEST_CASE("complete needs different members with different roles") {
    CHECK_FALSE(confirmations_complete({}));
    CHECK_FALSE(confirmations_complete({{1, committee_role::presidencia}}));
    CHECK_FALSE(confirmations_complete(
        {{1, committee_role::presidencia}, {1, committee_role::secretaria_tecnica}}));
    CHECK_FALSE(
        confirmations_complete({{1, committee_role::vocalia}, {2, committee_role::vocalia}}));
    CHECK(confirmations_complete({{1, committee_role::vocalia},
                                  {2, committee_role::vocalia},
                                  {3, committee_role::tesoreria}}));
    CHECK(confirmations_complete(
        {{1, committee_role::presidencia}, {2, committee_role::aval_ciudadano}}));
}

TEST_CASE("the same member cannot confirm twice") {
    std::vector<confirmation> existing = {{1, committee_role::presidencia}};
    auto again = check_confirm(existing, {1, committee_role::presidencia});
    REQUIRE_FALSE(again);
    CHECK(again.error().code == "already_confirmed");
    CHECK(again.error().kind == error_kind::conflict);
    CHECK(check_confirm(existing, {2, committee_role::presidencia}));
    CHECK(check_confirm({}, {1, committee_role::presidencia}));
}

TEST_CASE("only an entregado work item takes confirmations") {
    CHECK(check_can_confirm(work_state::entregado));
    CHECK(check_can_confirm(work_state::en_ejecucion).error().code == "not_delivered");
    CHECK(check_can_confirm(work_state::detenido).error().code == "not_delivered");
    CHECK(check_can_confirm(work_state::verificado).error().code == "work_closed");
    CHECK(check_can_confirm(work_state::cancelado).error().code == "work_closed");
}
