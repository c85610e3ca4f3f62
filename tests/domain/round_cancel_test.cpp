// Cancelling a round: only a prepared one, never one that opened (people may have voted).
#include "domain/round.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

TEST_CASE("only a prepared round can be cancelled") {
    CHECK(check_cancel_round(round_status::preparada));

    auto open = check_cancel_round(round_status::abierta);
    REQUIRE_FALSE(open);
    CHECK(open.error().kind == error_kind::conflict);
    CHECK(open.error().code == "round_open");
    CHECK(open.error().message.find("ya está abierta") != std::string::npos);

    auto closed = check_cancel_round(round_status::cerrada);
    REQUIRE_FALSE(closed);
    CHECK(closed.error().kind == error_kind::conflict);
    CHECK(closed.error().code == "round_closed");

    auto again = check_cancel_round(round_status::cancelada);
    REQUIRE_FALSE(again);
    CHECK(again.error().kind == error_kind::conflict);
    CHECK(again.error().code == "round_cancelled");
}

TEST_CASE("the cancelled status has a name on the wire and reads back") {
    CHECK(to_string(round_status::cancelada) == "cancelada");
    CHECK(parse_round_status("cancelada") == round_status::cancelada);
    for (auto s : {round_status::preparada, round_status::abierta, round_status::cerrada,
                   round_status::cancelada})
        CHECK(parse_round_status(to_string(s)) == s);
    CHECK_FALSE(parse_round_status("cancelado"));
}
