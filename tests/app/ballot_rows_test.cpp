// A ballot's row and its event in the audit chain are written as text by hand (issue 19): they
// must be what dump() made of the same values as JSON trees, byte for byte, or the chain that
// `asamblea verify` recomputes from the parsed payload would not match.
#include "open_election.hpp"
#include "store/audit_chain.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace asamblea;
using nlohmann::json;

namespace ballot_rows_test {

TEST_CASE("a ballot's choices and its chain event are dump()'s text, and the chain verifies") {
    test::open_election e(2, {"ana", "beto", "carmen"});
    REQUIRE(e.vote(0, "u-1", {"ana"}));
    REQUIRE(e.vote(1, "u-2", {"beto"}));
    REQUIRE(e.vote(0, "u-3", {"carmen"})); // replaces u-1

    auto db = e.s.readers().acquire();
    SQLite::Statement rows(*db, "SELECT ballot_uid, choices, receipt FROM ballots ORDER BY id");
    std::vector<std::string> receipts;
    int n = 0;
    while (rows.executeStep()) {
        std::string uid = rows.getColumn(0).getString();
        std::string choices = rows.getColumn(1).getString();
        CAPTURE(uid);
        CHECK(choices == json::parse(choices).dump());
        CHECK(json::parse(choices) == json(std::vector<std::string>{uid == "u-1"   ? "ana"
                                                                    : uid == "u-2" ? "beto"
                                                                                   : "carmen"}));
        receipts.push_back(rows.getColumn(2).getString());
        ++n;
    }
    REQUIRE(n == 3);

    SQLite::Statement events(
        *db, "SELECT payload FROM audit_events WHERE type = 'ballot.cast' ORDER BY seq");
    std::vector<json> expected = {
        {{"round_id", e.round_id}, {"receipt", receipts[0]}, {"choices", {"ana"}}},
        {{"round_id", e.round_id}, {"receipt", receipts[1]}, {"choices", {"beto"}}},
        {{"round_id", e.round_id},
         {"receipt", receipts[2]},
         {"choices", {"carmen"}},
         {"replaces", receipts[0]}},
    };
    std::size_t i = 0;
    while (events.executeStep()) {
        REQUIRE(i < expected.size());
        CHECK(events.getColumn(0).getString() == expected[i].dump());
        ++i;
    }
    CHECK(i == expected.size());
    CHECK(store::verify_chains(*db).ok());
}

} // namespace ballot_rows_test
