// Voters' phones get what changed, not everything (docs/api.md «WebSocket»): a ballot-only change
// reaches them as a small progress message at the voter progress interval (projectors get it at
// once), a state change as the snapshot at once; a hidden page gets no room pushes until
// it says it is visible, then catches up at once; a reconnect with an old version gets the whole
// snapshot once.
//
// "Nothing arrived" is checked without a clock: the phone sends a ping after another visible
// phone got the same push, and the room's delivery to it would have been queued before the pong.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace voter_progress_test {

namespace {

const std::string clinic = "CSIMB000001";

asamblea::server::server_config with_progress(std::chrono::milliseconds every) {
    asamblea::server::server_config config;
    config.voter_progress = every;
    return config;
}

// A clinic with an open round and 6 checked-in voters, and a projector watching.
struct voting_room {
    running_server s;
    http_client c;
    assembly_setup a;
    ws_client projector;

    explicit voting_room(std::chrono::milliseconds every)
        : s(with_progress(every)), c(s.port),
          a(setup_assembly(c, login(c, "coord"), clinic, 6, {100000, 150000}, 1)),
          projector(s.port, clinic) {
        projector.send({{"type", "hello"}});
        REQUIRE(projector.next_of("welcome"));
        REQUIRE(projector.next_of("snapshot"));
    }

    // A phone of attendee `i`; `hello` adds fields to its hello. Returns the welcome.
    json greet(ws_client& phone, int i, json hello = json::object()) {
        hello["type"] = "hello";
        hello["credential"] = a.codes[static_cast<std::size_t>(i)];
        phone.send(hello);
        auto welcome = phone.next_of("welcome");
        REQUIRE(welcome);
        return *welcome;
    }

    // Attendee `i` votes from its own phone; the projector sees the count reach `ballots`.
    void vote(int i, int ballots) {
        ws_client phone(s.port, clinic);
        greet(phone, i, {{"hidden", true}}); // its own pushes do not matter here
        phone.send({{"type", "ballot"},
                    {"round_id", a.round_id},
                    {"ballot_id", "b-voter-progress-" + std::to_string(i)},
                    {"choices", {a.proposal_ids[0]}}});
        REQUIRE(phone.next_of("ack"));
        REQUIRE(projector.snapshot_where(
            [&](const json& m) { return m["round"].value("ballots", -1) == ballots; }));
    }

    // Another attendee checks in: a change of the state itself (attendance), not only ballots.
    void check_in(int n) {
        call(c, "POST", "/api/c/" + clinic + "/attendees", a.token,
             {{"nombre", "Persona tarde " + std::to_string(n)},
              {"identificador", "TARDE-" + std::to_string(n)},
              {"sexo", "otro"},
              {"mayor_de_edad", true}},
             201);
    }
};

// The next message of a phone that has nothing else coming, or nullopt.
std::optional<json> next_message(ws_client& phone) {
    return phone.next(std::chrono::seconds(5));
}

// Every message up to the pong answering a ping sent now: what the room had queued for it.
std::vector<json> until_pong(ws_client& phone) {
    phone.send({{"type", "ping"}});
    std::vector<json> got;
    while (auto m = next_message(phone)) {
        if ((*m)["type"] == "pong")
            return got;
        got.push_back(*m);
    }
    FAIL("no pong");
    return got;
}

// Waits for a progress message with `ballots`; every message before it must be progress too.
json progress_with(ws_client& phone, int ballots) {
    while (auto m = next_message(phone)) {
        CAPTURE(*m);
        REQUIRE((*m)["type"] == "progress");
        if ((*m)["ballots"] == ballots)
            return *m;
    }
    FAIL("no progress message with " << ballots << " ballots");
    return nullptr;
}

// The votes `results` give the option `id`; -1 without results or that option.
int votes_for(const json& results, const std::string& id) {
    if (!results.is_object())
        return -1;
    for (const auto& line : results["lines"])
        if (line["id"] == id)
            return line["votes"].get<int>();
    return -1;
}

} // namespace

TEST_CASE(
    "with live results, each counted ballot shows in the projector's and the phone's results") {
    // The results text is kept between pushes until another ballot is counted: a stale one
    // would show a count of ballots that its results do not add up to.
    voting_room room(std::chrono::milliseconds(200));
    call(room.c, "POST",
         "/api/c/" + clinic + "/rounds/" + std::to_string(room.a.round_id) + "/live", room.a.token,
         {{"enabled", true}}, 200);
    const auto& option = room.a.proposal_ids[0];
    REQUIRE(room.projector.snapshot_where(
        [&](const json& m) { return votes_for(m["round"]["results"], option) == 0; }));
    ws_client phone(room.s.port, clinic);
    room.greet(phone, 0);
    auto first = phone.next_of("snapshot");
    REQUIRE(first);
    CHECK(votes_for((*first)["round"]["results"], option) == 0);

    for (int n = 1; n <= 2; ++n) {
        room.vote(n, n); // waits for the projector's snapshot with n ballots ...
        auto progress = progress_with(phone, n);
        CHECK(votes_for(progress["results"], option) == n);
        // ... whose results hold all n: a fresh snapshot now carries the same.
        ws_client late(room.s.port, clinic);
        late.send({{"type", "hello"}});
        REQUIRE(late.next_of("welcome"));
        auto snapshot = late.next_of("snapshot");
        REQUIRE(snapshot);
        CHECK((*snapshot)["round"]["ballots"] == n);
        CHECK(votes_for((*snapshot)["round"]["results"], option) == n);
    }
}

TEST_CASE(
    "a projector gets a ballot as a progress message at once, a state change as the snapshot") {
    voting_room room(std::chrono::seconds(60));
    auto before = *room.projector.view();
    ws_client phone(room.s.port, clinic);
    room.greet(phone, 1, {{"hidden", true}});
    phone.send({{"type", "ballot"},
                {"round_id", room.a.round_id},
                {"ballot_id", "b-projector-progress"},
                {"choices", {room.a.proposal_ids[0]}}});
    REQUIRE(phone.next_of("ack"));
    // Nothing but progress messages (the vote in flight, then the count) until the count shows.
    json progress;
    do {
        auto m = room.projector.next();
        REQUIRE(m);
        CAPTURE(*m);
        REQUIRE((*m)["type"] == "progress");
        progress = *m;
    } while (progress["ballots"] != 1);
    CHECK(progress["round_id"] == room.a.round_id);
    CHECK(progress["version"].get<std::uint64_t>() > before["version"].get<std::uint64_t>());
    CHECK_FALSE(progress.contains("assembly"));
    CHECK_FALSE(progress.contains("options"));
    // Applied to the snapshot the projector holds, as the page does: the round keeps its options.
    const auto& view = *room.projector.view();
    CHECK(view["round"]["ballots"] == 1);
    CHECK(view["round"]["options"] == before["round"]["options"]);
    CHECK(view["version"] == before["version"]); // the version of the last whole snapshot

    // Attendance is the state itself: the whole snapshot, with the count it already had.
    room.check_in(1);
    auto snapshot = room.projector.next_of("snapshot");
    REQUIRE(snapshot);
    CHECK((*snapshot)["assembly"]["attendance"] == before["assembly"]["attendance"].get<int>() + 1);
    CHECK((*snapshot)["round"]["ballots"] == 1);
    CHECK((*snapshot)["version"].get<std::uint64_t>() > progress["version"].get<std::uint64_t>());
}

TEST_CASE("after another phone's ballot a voter's phone gets progress") {
    voting_room room(std::chrono::milliseconds(200));
    ws_client phone(room.s.port, clinic);
    room.greet(phone, 0);
    auto first = phone.next_of("snapshot");
    REQUIRE(first);
    CHECK((*first)["round"]["ballots"] == 0);

    room.vote(1, 1);
    auto progress = progress_with(phone, 1);
    CHECK(progress["round_id"] == room.a.round_id);
    CHECK(progress["version"].get<std::uint64_t>() > (*first)["version"].get<std::uint64_t>());
    CHECK(progress["pending_votes"] == 0);
    CHECK(progress["closing"] == false);
    CHECK(progress.contains("results")); // null: this round shows no live results

    // The same fields as the projector's snapshot of that version.
    room.vote(2, 2);
    auto second = progress_with(phone, 2);
    CHECK(second["version"].get<std::uint64_t>() > progress["version"].get<std::uint64_t>());
}

TEST_CASE("a state change reaches a visible phone as a snapshot at once, ballots wait") {
    // A minute between progress messages: what arrives in the test comes at once or never.
    voting_room room(std::chrono::milliseconds(60'000));
    ws_client phone(room.s.port, clinic);
    room.greet(phone, 0);
    REQUIRE(phone.next_of("snapshot"));

    room.vote(1, 1);
    room.vote(2, 2);
    auto mod = login(room.c, "mod");
    call(room.c, "POST",
         "/api/c/" + clinic + "/rounds/" + std::to_string(room.a.round_id) + "/close", mod, nullptr,
         200);
    // The room's first ballot-only push may go at once (nothing was pushed to phones for a
    // minute); the second ballot must wait for the interval, so at most one progress message
    // comes before the close's snapshot.
    int progress = 0;
    std::optional<json> closed;
    while ((closed = next_message(phone)) && (*closed)["type"] == "progress")
        ++progress;
    CHECK(progress <= 1);
    REQUIRE(closed);
    CAPTURE(*closed);
    REQUIRE((*closed)["type"] == "snapshot");
    CHECK((*closed)["round"]["status"] == "cerrada");
    CHECK((*closed)["round"]["ballots"] == 2); // the waiting ballot comes with it
}

TEST_CASE("a hidden phone gets no room pushes until it says it is visible, then catches up") {
    voting_room room(std::chrono::milliseconds(200));
    ws_client watcher(room.s.port, clinic); // a visible phone: it shows when a push went out
    room.greet(watcher, 5);
    auto start = watcher.next_of("snapshot");
    REQUIRE(start);
    int later = (*start)["assembly"]["attendance"].get<int>() + 1; // after one more check-in
    auto checked_in = [&](const json& m) { return m["assembly"]["attendance"] == later; };

    SUBCASE("hidden from its hello, it gets the snapshot once shown") {
        ws_client phone(room.s.port, clinic);
        room.greet(phone, 0, {{"hidden", true}});
        room.vote(1, 1);
        progress_with(watcher, 1);
        room.check_in(1);
        REQUIRE(watcher.snapshot_where(checked_in));
        CHECK(until_pong(phone).empty());

        phone.send({{"type", "visibility"}, {"hidden", false}});
        auto caught = next_message(phone);
        REQUIRE(caught);
        CAPTURE(*caught);
        REQUIRE((*caught)["type"] == "snapshot");
        CHECK((*caught)["round"]["ballots"] == 1);
        CHECK((*caught)["assembly"]["attendance"] == later);
        CHECK(until_pong(phone).empty()); // once
    }

    SUBCASE("hidden after its snapshot, only ballots moved: it gets progress once shown") {
        ws_client phone(room.s.port, clinic);
        room.greet(phone, 0);
        REQUIRE(phone.next_of("snapshot"));
        phone.send({{"type", "visibility"}, {"hidden", true}});
        CHECK(until_pong(phone).empty()); // the flag is set once the pong comes back
        room.vote(1, 1);
        progress_with(watcher, 1);
        CHECK(until_pong(phone).empty());

        phone.send({{"type", "visibility"}, {"hidden", false}});
        auto caught = next_message(phone);
        REQUIRE(caught);
        CAPTURE(*caught);
        REQUIRE((*caught)["type"] == "progress");
        CHECK((*caught)["ballots"] == 1);
        CHECK(until_pong(phone).empty());

        // Visible again, it follows like any other phone.
        room.vote(2, 2);
        progress_with(phone, 2);
    }

    SUBCASE("hidden while the state changed: a snapshot once shown, not progress") {
        ws_client phone(room.s.port, clinic);
        room.greet(phone, 0);
        REQUIRE(phone.next_of("snapshot"));
        phone.send({{"type", "visibility"}, {"hidden", true}});
        CHECK(until_pong(phone).empty());
        room.check_in(2);
        REQUIRE(watcher.snapshot_where(checked_in));
        room.vote(1, 1);
        progress_with(watcher, 1);
        CHECK(until_pong(phone).empty());

        phone.send({{"type", "visibility"}, {"hidden", false}});
        auto caught = next_message(phone);
        REQUIRE(caught);
        CAPTURE(*caught);
        REQUIRE((*caught)["type"] == "snapshot");
        CHECK((*caught)["assembly"]["attendance"] == later);
        CHECK((*caught)["round"]["ballots"] == 1);
    }

    SUBCASE("a visibility message before the hello is refused like a ballot") {
        ws_client phone(room.s.port, clinic);
        phone.send({{"type", "visibility"}, {"hidden", true}});
        auto e = phone.next_of("error");
        REQUIRE(e);
        CHECK((*e)["error"] == "hello_first");
    }
}

TEST_CASE("a reconnect with an old version gets the whole snapshot once; a current one nothing") {
    voting_room room(std::chrono::milliseconds(200));
    std::uint64_t held = 0;
    {
        ws_client phone(room.s.port, clinic);
        room.greet(phone, 0);
        auto snap = phone.next_of("snapshot");
        REQUIRE(snap);
        held = (*snap)["version"];
    }
    room.vote(1, 1);

    ws_client phone(room.s.port, clinic);
    room.greet(phone, 0, {{"version", held}});
    auto caught = next_message(phone);
    REQUIRE(caught);
    CAPTURE(*caught);
    REQUIRE((*caught)["type"] == "snapshot");
    CHECK((*caught)["round"]["ballots"] == 1);
    std::uint64_t now = (*caught)["version"];
    CHECK(now > held);
    CHECK(until_pong(phone).empty()); // once

    ws_client again(room.s.port, clinic);
    room.greet(again, 0, {{"version", now}});
    CHECK(until_pong(again).empty()); // it has this version: nothing to send
}

} // namespace voter_progress_test
