// A ballot's ack written as text is what dump() writes for the same object.
#include "server/views/ballot_ack.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace ballot_ack_test {

TEST_CASE("a ballot's ack written by hand is dump()'s text of the same object") {
    struct example {
        std::int64_t round;
        std::string uid, receipt;
    };
    const example examples[] = {{7, "3f2a-uuid", "K7P4-M2Q9"},
                                {0, "", ""},
                                {-9007199254740993LL, "u\"1\\\n", "ñ"},
                                {9223372036854775807LL, "b-0001", "ABCD-EFGH-JKLM"}};
    for (const auto& e : examples) {
        nlohmann::json tree = {
            {"type", "ack"}, {"round_id", e.round}, {"ballot_id", e.uid}, {"receipt", e.receipt}};
        CHECK(asamblea::server::ballot_ack_text(e.round, e.uid, e.receipt) == tree.dump());
    }
}

} // namespace ballot_ack_test
