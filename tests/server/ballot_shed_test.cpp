// Issue 19 item 4: past a documented bound a new ballot is answered «busy» at once, written
// nowhere; the phone sends the same ballot again and it is stored once. Here the room's bound is 1
// (`serve --shed-room-backlog 1`): while one ballot of the clinic is on its way to the store, the
// next new one is shed. Many phones send at once, so some are.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include <SQLiteCpp/Database.h>

#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace ballot_shed_test {

namespace {

const std::string clinic = "CSIMB000001";
const std::string rounds_path = "/api/c/" + clinic + "/rounds";

asamblea::server::server_config room_bound_one() {
    asamblea::server::server_config config;
    config.shed = {.writer_queue = 0, .room_backlog = 1};
    config.close_grace = std::chrono::seconds(30); // long: the close below must end by the resend
    return config;
}

json ballot(std::int64_t round, const std::string& uid, const std::string& choice) {
    return {{"type", "ballot"}, {"round_id", round}, {"ballot_id", uid}, {"choices", {choice}}};
}

// The answer to a ballot: its ack or its error (skipping snapshots).
json answer(ws_client& ws) {
    for (int i = 0; i < 1000; ++i) {
        auto m = ws.next(std::chrono::seconds(20));
        REQUIRE_MESSAGE(m, "no answer to a ballot");
        if ((*m)["type"] == "ack" || (*m)["type"] == "error")
            return *m;
    }
    FAIL("no answer to a ballot");
    return {};
}

void check_busy(const json& m, const std::string& uid) {
    CHECK(m.value("error", "") == "busy");
    CHECK(m.value("ballot_id", "") == uid);
    CHECK(m.value("retry_after_ms", 0) > 0);
    CHECK_FALSE(m.value("message", "").empty());
}

long long metric_line(http_client& c, const std::string& line) {
    auto body = c.request("GET", "/metrics").body;
    auto at = body.find("\n" + line + " ");
    if (at == std::string::npos)
        return -1;
    return std::stoll(body.substr(at + line.size() + 2));
}

struct phones {
    std::vector<std::unique_ptr<ws_client>> list;
    phones(unsigned short port, const assembly_setup& a) {
        for (const auto& code : a.codes) {
            list.push_back(std::make_unique<ws_client>(port, clinic));
            list.back()->send({{"type", "hello"}, {"credential", code}});
            REQUIRE(list.back()->next_of("welcome"));
        }
    }
};

} // namespace

TEST_CASE("past the room's bound ballots are answered busy, sent again, and stored once each") {
    running_server s(room_bound_one());
    http_client c(s.port);
    auto token = login(c, "coord");
    constexpr int people = 24;
    auto a = setup_assembly(c, token, clinic, people, {100000, 150000, 200000}, 1);
    phones p(s.port, a);
    int busy = 0, acks = 0, waves = 0;
    std::set<std::string> receipts;
    // Each wave, every phone votes at once (a re-vote after the first). Shedding depends on
    // ballots overlapping in the room, so a wave may pass without one; a few waves cannot.
    while (busy == 0 && waves < 5) {
        ++waves;
        for (int i = 0; i < people; ++i)
            p.list[i]->send(ballot(a.round_id,
                                   "shed-" + std::to_string(i) + "-" + std::to_string(waves),
                                   a.proposal_ids[static_cast<std::size_t>((i + waves) % 3)]));
        for (int i = 0; i < people; ++i) {
            auto uid = "shed-" + std::to_string(i) + "-" + std::to_string(waves);
            auto& ws = *p.list[i];
            for (;;) {
                auto m = answer(ws);
                if (m["type"] == "ack") {
                    CHECK(m["ballot_id"] == uid);
                    CHECK(receipts.insert(m["receipt"].get<std::string>()).second);
                    ++acks;
                    break;
                }
                REQUIRE_MESSAGE(m.value("error", "") == "busy", m.dump());
                check_busy(m, uid);
                ++busy;
                // The same ballot again, as the phone does: a fresh try.
                ws.send(ballot(a.round_id, uid,
                               a.proposal_ids[static_cast<std::size_t>((i + waves) % 3)]));
            }
        }
    }
    MESSAGE(busy << " busy answers over " << waves << " wave(s) of " << people << " ballots");
    REQUIRE_MESSAGE(busy > 0, "no ballot was shed with the room's bound at 1");
    CHECK(acks == people * waves);
    // Every busy answer is counted under its bound; none under the writer's (off here).
    CHECK(metric_line(c, R"(asamblea_ballots_shed_total{reason="room_backlog"})") == busy);
    CHECK(metric_line(c, R"(asamblea_ballots_shed_total{reason="writer_queue"})") == 0);
    CHECK(metric_line(c, R"(asamblea_shed_bound{bound="room_backlog"})") == 1);
    CHECK(metric_line(c, R"(asamblea_shed_bound{bound="writer_queue"})") == 0);
    // A shed ballot was written nowhere: one stored row per ack, one counted per person.
    {
        SQLite::Database db(s.dir.db(), SQLite::OPEN_READONLY);
        CHECK(db.execAndGet("SELECT count(*) FROM ballots WHERE round_id = " +
                            std::to_string(a.round_id))
                  .getInt64() == acks);
    }
    // A resend of a stored ballot is acknowledged with its receipt, as always.
    auto again_uid = "shed-0-" + std::to_string(waves);
    p.list[0]->send(
        ballot(a.round_id, again_uid, a.proposal_ids[static_cast<std::size_t>(waves % 3)]));
    auto again = answer(*p.list[0]);
    CHECK(again["type"] == "ack");
    CHECK(receipts.contains(again["receipt"].get<std::string>()));
    call(c, "POST", rounds_path + "/" + std::to_string(a.round_id) + "/close", token, nullptr, 200);
    auto rounds = call(c, "GET", rounds_path, token, nullptr, 200);
    CHECK(rounds["items"][0]["ballots"] == people);
}

TEST_CASE("a shed ballot stays a vote in flight: the close waits for its resend") {
    running_server s(room_bound_one());
    http_client c(s.port);
    auto token = login(c, "coord");
    constexpr int people = 30;
    auto a = setup_assembly(c, token, clinic, people, {100000, 150000}, 1);
    phones p(s.port, a);
    for (int i = 0; i < people; ++i)
        p.list[i]->send(ballot(a.round_id, "held-ballot-" + std::to_string(i),
                               a.proposal_ids[static_cast<std::size_t>(i % 2)]));
    // Every answer first, without resending: the shed phones keep their ballots.
    std::vector<int> shed;
    for (int i = 0; i < people; ++i) {
        auto m = answer(*p.list[i]);
        if (m["type"] == "ack")
            continue;
        REQUIRE_MESSAGE(m.value("error", "") == "busy", m.dump());
        check_busy(m, "held-ballot-" + std::to_string(i));
        shed.push_back(i);
    }
    MESSAGE(shed.size() << " of " << people << " ballots shed");
    REQUIRE_MESSAGE(!shed.empty(), "30 ballots at once with the room's bound at 1: none shed");
    auto path = rounds_path + "/" + std::to_string(a.round_id) + "/close";
    auto waiting = call(c, "POST", path, token, nullptr, 202);
    CHECK(waiting["closing"] == true);
    CHECK(waiting["pending_votes"] == static_cast<int>(shed.size()));
    // The phones send them again (one at a time: nothing else is on its way now) within the grace.
    for (int i : shed) {
        auto uid = "held-ballot-" + std::to_string(i);
        for (;;) {
            p.list[i]->send(
                ballot(a.round_id, uid, a.proposal_ids[static_cast<std::size_t>(i % 2)]));
            auto m = answer(*p.list[i]);
            if (m["type"] == "ack")
                break;
            REQUIRE_MESSAGE(m.value("error", "") == "busy", m.dump());
        }
    }
    // The last one in: the round closes long before its 30 s grace, with every ballot.
    json listed;
    for (int tries = 0; tries < 200; ++tries) {
        listed = call(c, "GET", rounds_path, token, nullptr, 200)["items"][0];
        if (listed["status"] == "cerrada")
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(listed["status"] == "cerrada");
    CHECK(listed["ballots"] == people);
}

} // namespace ballot_shed_test
