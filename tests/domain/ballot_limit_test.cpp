// One person may send only so many ballots in a round (issue 17 item 6).
#include "domain/ballot_limit.hpp"

#include <doctest/doctest.h>

namespace ballot_limit_test {

using namespace asamblea::domain;

TEST_CASE("a person may send up to the cap of ballots in a round, and not one more") {
    for (int sent = 0; sent < max_ballots_per_round; ++sent)
        CHECK(check_ballot_count(sent));
    auto refused = check_ballot_count(max_ballots_per_round);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "too_many_ballots");
    CHECK(refused.error().kind == error_kind::too_many);
    CHECK(refused.error().message.find("por persona en esta votación (10)") != std::string::npos);
    CHECK_FALSE(check_ballot_count(max_ballots_per_round + 5));
}

TEST_CASE("an honest re-vote is far from the cap") {
    CHECK(max_ballots_per_round >= 5);
    CHECK(check_ballot_count(2));
}

TEST_CASE("another cap is honoured and named in the message") {
    CHECK(check_ballot_count(2, 3));
    auto refused = check_ballot_count(3, 3);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("por persona en esta votación (3)") != std::string::npos);
    CHECK_FALSE(check_ballot_count(0, 0));
}

} // namespace ballot_limit_test
