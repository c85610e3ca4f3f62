// Issue 17 item 5: a room nobody uses is unloaded, and its next use loads it again from the
// database exactly as after a restart: the open round, the counted ballots, a re-vote's
// replacement, the countdown. Nothing is lost while rooms come and go under requests and votes.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace room_unload_test {

namespace {

const std::string clinic = "CSIMB000001";

long long metric(http_client& c, const std::string& name) {
    auto body = c.request("GET", "/metrics").body;
    auto at = body.find("\n" + name + " ");
    if (at == std::string::npos)
        return -1;
    return std::stoll(body.substr(at + name.size() + 2));
}

// Waits (generously: it is an event, not a time bound) until `pred` holds.
template <class Pred> bool eventually(Pred pred) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
        if (pred())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return pred();
}

// Every room unloaded at least `times` times in all, and none loaded now.
bool unloaded(http_client& c, long long times) {
    return eventually([&] {
        return metric(c, "asamblea_rooms_unloaded_total") >= times &&
               metric(c, "asamblea_rooms_loaded") == 0;
    });
}

json ballot(std::int64_t round, const std::string& uid, std::vector<std::string> choices) {
    return {{"type", "ballot"}, {"round_id", round}, {"ballot_id", uid}, {"choices", choices}};
}

// One vote on its own socket, as a phone that comes, votes and goes; the receipt, or "".
std::string vote(unsigned short port, const std::string& code, std::int64_t round,
                 const std::string& uid, std::vector<std::string> choices) {
    ws_client ws(port, clinic);
    ws.send({{"type", "hello"}, {"credential", code}});
    if (!ws.next_of("welcome", std::chrono::seconds(20)))
        return "";
    ws.send(ballot(round, uid, std::move(choices)));
    auto ack = ws.next_of("ack", std::chrono::seconds(20));
    return ack ? (*ack)["receipt"].get<std::string>() : "";
}

asamblea::server::server_config idle_after(std::chrono::milliseconds idle) {
    asamblea::server::server_config config;
    config.room_idle = idle;
    return config;
}

} // namespace

TEST_CASE("an idle room is unloaded and comes back with its open round and its ballots") {
    running_server s(idle_after(std::chrono::milliseconds(100)));
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 3, {100000, 150000, 200000}, 1);
    const auto& p = a.proposal_ids;
    auto r0 = vote(s.port, a.codes[0], a.round_id, "ballot-unload-0", {p[0]});
    auto r1 = vote(s.port, a.codes[1], a.round_id, "ballot-unload-1", {p[1]});
    REQUIRE_FALSE(r0.empty());
    REQUIRE_FALSE(r1.empty());

    REQUIRE(unloaded(c, 1));
    auto first_unloads = metric(c, "asamblea_rooms_unloaded_total");

    // Loaded again: the voter's welcome has their ballot, the snapshot the open round and both.
    {
        ws_client ws(s.port, clinic);
        ws.send({{"type", "hello"}, {"credential", a.codes[0]}});
        auto welcome = ws.next_of("welcome");
        REQUIRE(welcome);
        auto mine = (*welcome)["my_ballots"][std::to_string(a.round_id)];
        CHECK(mine["choices"] == json::array({p[0]}));
        auto snap = ws.next_of("snapshot");
        REQUIRE(snap);
        CHECK((*snap)["round"]["id"] == a.round_id);
        CHECK((*snap)["round"]["status"] == "abierta");
        CHECK((*snap)["round"]["ballots"] == 2);
        CHECK(metric(c, "asamblea_rooms_loaded") == 1);
        // A resend of a stored ballot is still known: the same receipt, nothing written.
        ws.send(ballot(a.round_id, "ballot-unload-0", {p[0]}));
        auto ack = ws.next_of("ack");
        REQUIRE(ack);
        CHECK((*ack)["receipt"] == r0);
        // A re-vote replaces the person's ballot, as before the unload.
        ws.send(ballot(a.round_id, "ballot-unload-0b", {p[2]}));
        REQUIRE(ws.next_of("ack"));
    }
    CHECK_FALSE(vote(s.port, a.codes[2], a.round_id, "ballot-unload-2", {p[2]}).empty());
    REQUIRE(unloaded(c, first_unloads + 1));

    // Closed after another unload: three people, three counted ballots, the re-vote counted.
    call(c, "POST", "/api/c/" + clinic + "/rounds/" + std::to_string(a.round_id) + "/close", token,
         nullptr, 200);
    auto rounds = call(c, "GET", "/api/c/" + clinic + "/rounds", token, nullptr, 200);
    CHECK(rounds["items"][0]["status"] == "cerrada");
    CHECK(rounds["items"][0]["ballots"] == 3);
}

TEST_CASE("rooms unloading all the time lose no vote and no command") {
    // Unloaded 1 ms after the last use (looked for every 10 ms): in each phase four phones vote
    // at once while the moderator reads and acts, each on a room that may be new or going, and
    // between phases the room is let go.
    running_server s(idle_after(std::chrono::milliseconds(1)));
    http_client c(s.port);
    auto token = login(c, "coord");
    constexpr int phases = 4, per_phase = 4, voters = phases * per_phase;
    auto a = setup_assembly(c, token, clinic, voters, {100000, 150000, 200000}, 1);
    const auto& p = a.proposal_ids;
    std::string round = "/api/c/" + clinic + "/rounds/" + std::to_string(a.round_id);
    std::atomic<int> acks{0};
    for (int phase = 0; phase < phases; ++phase) {
        std::vector<std::thread> phones;
        for (int t = 0; t < per_phase; ++t)
            phones.emplace_back([&, v = phase * per_phase + t] {
                if (!vote(s.port, a.codes[static_cast<std::size_t>(v)], a.round_id,
                          "ballot-churn-" + std::to_string(v), {p[static_cast<std::size_t>(v % 3)]})
                         .empty())
                    ++acks;
            });
        for (int i = 0; i < 5; ++i) {
            auto rounds = call(c, "GET", "/api/c/" + clinic + "/rounds", token, nullptr, 200);
            CHECK(rounds["items"][0]["status"] == "abierta");
            std::this_thread::sleep_for(std::chrono::milliseconds(5 * i));
        }
        call(c, "POST", round + "/live", token, {{"enabled", phase % 2 == 0}}, 200);
        for (auto& t : phones)
            t.join();
        CHECK(unloaded(c, phase + 1));
    }
    CHECK(acks == voters);
    auto unloads = metric(c, "asamblea_rooms_unloaded_total");
    MESSAGE("rooms unloaded: " << unloads);
    call(c, "POST", round + "/close", token, nullptr, 200);
    auto rounds = call(c, "GET", "/api/c/" + clinic + "/rounds", token, nullptr, 200);
    CHECK(rounds["items"][0]["ballots"] == voters);
    CHECK(rounds["items"][0]["live_results"] == false); // the last phase turned them off
}

TEST_CASE("a room with a countdown stays loaded and closes its round by itself") {
    running_server s(idle_after(std::chrono::milliseconds(1)));
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 2, {100000, 150000}, 1, false);
    std::string round = "/api/c/" + clinic + "/rounds/" + std::to_string(a.round_id);
    call(c, "POST", round + "/open", token, {{"duration_seconds", 5}}, 200);
    CHECK_FALSE(
        vote(s.port, a.codes[0], a.round_id, "ballot-countdown-0", {a.proposal_ids[0]}).empty());
    // Nobody is connected: only the countdown holds the room, and it closes the round.
    CHECK(eventually([&] {
        auto rounds = call(c, "GET", "/api/c/" + clinic + "/rounds", token, nullptr, 200);
        return rounds["items"][0]["status"] == "cerrada";
    }));
    auto rounds = call(c, "GET", "/api/c/" + clinic + "/rounds", token, nullptr, 200);
    CHECK(rounds["items"][0]["ballots"] == 1);
    CHECK(unloaded(c, 1));
}

} // namespace room_unload_test
