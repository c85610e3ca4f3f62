// The public list of a closed round's ballots, a page at a time, and one receipt looked up, so a
// phone can check its vote in a round of a thousand: against the real server on port 0.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace ballot_list_test {

namespace {

const std::string clinic = "CSIMB000001";

json get(http_client& c, const std::string& target, unsigned expect) {
    auto r = c.request("GET", target);
    CHECK_MESSAGE(r.status == expect, target << " → " << r.status << " " << r.body);
    return json::parse(r.body);
}

} // namespace

TEST_CASE("the ballot list comes in pages, and a receipt is found whatever its page") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 5, {100000, 150000}, 1);
    std::vector<std::string> receipts;
    for (int i = 0; i < 5; ++i) {
        ws_client voter(s.port, clinic);
        voter.send({{"type", "hello"}, {"credential", a.codes[i]}});
        REQUIRE(voter.next_of("welcome"));
        voter.send({{"type", "ballot"},
                    {"round_id", a.round_id},
                    {"ballot_id", "lista-000" + std::to_string(i)},
                    {"choices", {a.proposal_ids[i % 2]}}});
        auto ack = voter.next_of("ack");
        REQUIRE(ack);
        receipts.push_back((*ack)["receipt"]);
    }
    std::string base = "/api/c/" + clinic + "/rounds/" + std::to_string(a.round_id);
    call(c, "POST", base + "/close", token, nullptr, 200);

    auto first = get(c, base + "/ballots?per_page=2", 200);
    CHECK(first["total"] == 5);
    CHECK(first["page"] == 1);
    CHECK(first["per_page"] == 2);
    REQUIRE(first["items"].size() == 2);
    auto last = get(c, base + "/ballots?per_page=2&page=3", 200);
    REQUIRE(last["items"].size() == 1);
    CHECK(get(c, base + "/ballots?per_page=2&page=4", 200)["items"].empty());
    // Every receipt exactly once across the pages, in receipt order.
    std::vector<std::string> listed;
    for (int page = 1; page <= 3; ++page) {
        auto items =
            get(c, base + "/ballots?per_page=2&page=" + std::to_string(page), 200)["items"];
        for (const auto& b : items)
            listed.push_back(b["receipt"]);
    }
    auto sorted = receipts;
    std::sort(sorted.begin(), sorted.end());
    CHECK_MESSAGE(listed == sorted, json(listed).dump() << " vs " << json(sorted).dump());

    // A receipt typed as a person would: lower case, without the dash.
    std::string typed;
    for (char ch : receipts[3])
        if (ch != '-')
            typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    auto found = get(c, base + "/ballots?receipt=" + typed, 200);
    REQUIRE(found["items"].size() == 1);
    CHECK(found["items"][0]["receipt"] == receipts[3]);
    CHECK(found["items"][0]["choices"] == json::array({a.proposal_ids[1]}));
    CHECK(found["total"] == 5);
    CHECK(get(c, base + "/ballots?receipt=ZZZZ-ZZZZ", 200)["items"].empty());
    CHECK(get(c, base + "/ballots?receipt=abc", 400)["error"] == "receipt_invalid");
    CHECK(get(c, base + "/ballots?per_page=501", 400)["error"] == "bad_query");
    CHECK(get(c, base + "/ballots?page=0", 400)["error"] == "bad_query");

    // A year later, with the next assembly convocada, the receipt is still checked; another
    // clinic's address does not show this round.
    call(c, "POST", "/api/c/" + clinic + "/assembly/transition", token, {{"to", "cerrada"}}, 200);
    call(c, "POST", "/api/c/" + clinic + "/assembly", token,
         {{"edition", 2027}, {"scheduled_at", "2027-02-20T17:00:00.000Z"}, {"quorum_min", 2}}, 201);
    CHECK(get(c, base + "/ballots?receipt=" + typed, 200)["items"].size() == 1);
    CHECK(get(c, "/api/c/CSIMB000002/rounds/" + std::to_string(a.round_id) + "/ballots",
              404)["error"] == "round_not_found");
}

} // namespace ballot_list_test
