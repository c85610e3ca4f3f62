// Issue 17 item 6: one person may send at most domain::max_ballots_per_round ballots in a round,
// counted across all their credentials and phones, whether the ballots come one by one or all at
// once, and after the room was unloaded and loaded again. An honest re-vote is never near it.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include "domain/ballot_limit.hpp"

#include <SQLiteCpp/Database.h>

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace ballot_cap_test {

namespace {

const std::string clinic = "CSIMB000001";
constexpr int cap = asamblea::domain::max_ballots_per_round;

json ballot(std::int64_t round, const std::string& uid, const std::string& choice) {
    return {{"type", "ballot"}, {"round_id", round}, {"ballot_id", uid}, {"choices", {choice}}};
}

void hello(ws_client& ws, const std::string& code) {
    ws.send({{"type", "hello"}, {"credential", code}});
    REQUIRE(ws.next_of("welcome"));
}

// The answer to a ballot: its ack or its error (skipping snapshots).
json answer(ws_client& ws) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        auto m = ws.next(std::chrono::seconds(20));
        REQUIRE(m);
        if ((*m)["type"] == "ack" || (*m)["type"] == "error")
            return *m;
    }
    FAIL("no answer to a ballot");
    return {};
}

long long metric(http_client& c, const std::string& name) {
    auto body = c.request("GET", "/metrics").body;
    auto at = body.find("\n" + name + " ");
    if (at == std::string::npos)
        return -1;
    return std::stoll(body.substr(at + name.size() + 2));
}

void check_refused(const json& m, const std::string& uid) {
    CHECK_MESSAGE(m.value("type", "") == "error", m.dump());
    CHECK(m.value("error", "") == "too_many_ballots");
    CHECK(m.value("ballot_id", "") == uid);
    CHECK(m.value("message", "").find("(" + std::to_string(cap) + ")") != std::string::npos);
}

} // namespace

TEST_CASE("the ballot past the cap is refused, on any of the person's credentials") {
    asamblea::server::server_config config;
    config.room_idle = std::chrono::milliseconds(100); // so the count must survive an unload
    running_server s(config);
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 2, {100000, 150000, 200000}, 1);
    const auto& p = a.proposal_ids;
    std::vector<std::string> receipts;
    {
        ws_client ws(s.port, clinic);
        hello(ws, a.codes[0]);
        for (int i = 0; i < cap; ++i) {
            ws.send(ballot(a.round_id, "ballot-cap-" + std::to_string(i), p[i % 3]));
            auto m = answer(ws);
            REQUIRE_MESSAGE(m["type"] == "ack", "ballot " << i << ": " << m.dump());
            receipts.push_back(m["receipt"]);
        }
        ws.send(ballot(a.round_id, "ballot-cap-over", p[0]));
        check_refused(answer(ws), "ballot-cap-over");
        // A resend of a stored ballot is not a new one: answered with its receipt.
        ws.send(ballot(a.round_id, "ballot-cap-" + std::to_string(cap - 1), p[(cap - 1) % 3]));
        auto again = answer(ws);
        CHECK(again["type"] == "ack");
        CHECK(again["receipt"] == receipts.back());
    }
    // The room goes and comes back: the count is read back from the stored ballots.
    REQUIRE([&] {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < deadline) {
            if (metric(c, "asamblea_rooms_loaded") == 0 &&
                metric(c, "asamblea_rooms_unloaded_total") > 0)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }());
    // A reissued credential is the same person.
    auto reissued =
        call(c, "POST",
             "/api/c/" + clinic + "/attendees/" + std::to_string(a.attendee_ids[0]) + "/reissue",
             token, nullptr, 200)["credential"]["code"]
            .get<std::string>();
    {
        ws_client ws(s.port, clinic);
        hello(ws, reissued);
        ws.send(ballot(a.round_id, "ballot-cap-new-phone", p[1]));
        check_refused(answer(ws), "ballot-cap-new-phone");
    }
    // Someone else votes as usual, and re-votes.
    {
        ws_client ws(s.port, clinic);
        hello(ws, a.codes[1]);
        ws.send(ballot(a.round_id, "ballot-other-1", p[2]));
        CHECK(answer(ws)["type"] == "ack");
        ws.send(ballot(a.round_id, "ballot-other-2", p[1]));
        CHECK(answer(ws)["type"] == "ack");
    }
    // Two people, two counted ballots: the first person's last stored one counts.
    call(c, "POST", "/api/c/" + clinic + "/rounds/" + std::to_string(a.round_id) + "/close", token,
         nullptr, 200);
    auto rounds = call(c, "GET", "/api/c/" + clinic + "/rounds", token, nullptr, 200);
    CHECK(rounds["items"][0]["ballots"] == 2);
    std::string typed;
    for (char ch : receipts.back())
        if (ch != '-')
            typed.push_back(ch);
    auto found = call(c, "GET",
                      "/api/c/" + clinic + "/rounds/" + std::to_string(a.round_id) +
                          "/ballots?receipt=" + typed,
                      token, nullptr, 200);
    CHECK(found["items"].size() == 1);
}

TEST_CASE("ballots sent all at once cannot pass the cap while they wait for the store") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 1, {100000, 150000}, 1);
    constexpr int sent = 3 * cap;
    ws_client ws(s.port, clinic);
    hello(ws, a.codes[0]);
    for (int i = 0; i < sent; ++i)
        ws.send(ballot(a.round_id, "ballot-burst-" + std::to_string(i),
                       a.proposal_ids[static_cast<std::size_t>(i % 2)]));
    int acks = 0, refused = 0;
    for (int i = 0; i < sent; ++i) {
        auto m = answer(ws);
        if (m["type"] == "ack")
            ++acks;
        else if (m.value("error", "") == "too_many_ballots")
            ++refused;
        else
            FAIL_CHECK("unexpected answer: " << m.dump());
    }
    CHECK(acks == cap);
    CHECK(refused == sent - cap);
    SQLite::Database db(s.dir.db(), SQLite::OPEN_READONLY);
    CHECK(
        db.execAndGet("SELECT count(*) FROM ballots WHERE round_id = " + std::to_string(a.round_id))
            .getInt64() == cap);
}

} // namespace ballot_cap_test
