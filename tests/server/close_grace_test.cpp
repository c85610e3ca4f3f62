// Closing a round waits a short grace for votes still in flight from connected phones: a phone
// back from a disconnect declares its unacknowledged ballot in its hello, the moderator's close
// answers 202 while it waits, a ballot arriving inside the grace is counted, and the round closes
// as soon as nothing is in flight (or the grace is over). With nothing in flight it closes at once.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include <doctest/doctest.h>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace close_grace_test {

namespace {

const std::string clinic = "CSIMB000001";
const std::string rounds_path = "/api/c/" + clinic + "/rounds";

std::string close_path(std::int64_t id) {
    return rounds_path + "/" + std::to_string(id) + "/close";
}

asamblea::server::server_config with_grace(std::chrono::milliseconds grace) {
    asamblea::server::server_config config;
    config.close_grace = grace;
    return config;
}

// The staff's live view: the moderator's tablet.
void hello_staff(ws_client& ws, const std::string& token) {
    ws.send({{"type", "hello"}, {"token", token}});
    REQUIRE(ws.next_of("welcome"));
}

// A phone back after a disconnect, still holding a ballot for `round_id` without its ack.
void hello_with_pending(ws_client& ws, const std::string& code, std::int64_t round_id) {
    ws.send({{"type", "hello"}, {"credential", code}, {"pending_round_id", round_id}});
    REQUIRE(ws.next_of("welcome"));
}

bool round_is(const json& snap, const std::string& status) {
    return snap["round"].is_object() && snap["round"]["status"] == status;
}

json listed_round(http_client& c, const std::string& token, std::int64_t id) {
    auto list = call(c, "GET", rounds_path, token, nullptr, 200);
    for (const auto& r : list["items"])
        if (r["id"] == id)
            return r;
    return nullptr;
}

// A clinic with an open round, the moderator's token and tablet, under a given close grace.
struct closing_room {
    running_server s;
    http_client c;
    assembly_setup a;
    std::string mod;
    ws_client tablet;

    explicit closing_room(std::chrono::milliseconds grace)
        : s(with_grace(grace)), c(s.port),
          a(setup_assembly(c, login(c, "coord"), clinic, 3, {100000, 150000}, 1)),
          mod(login(c, "mod")), tablet(s.port, clinic) {
        hello_staff(tablet, mod);
    }

    // `phone` greets holding an unacknowledged ballot, and the tablet sees it in flight.
    void vote_in_flight(ws_client& phone, int attendee) {
        hello_with_pending(phone, a.codes[attendee], a.round_id);
        REQUIRE(tablet.snapshot_where(
            [](const json& m) { return m["round"].value("pending_votes", 0) == 1; }));
    }

    void send_ballot(ws_client& phone, const std::string& ballot_id, int proposal) {
        phone.send({{"type", "ballot"},
                    {"round_id", a.round_id},
                    {"ballot_id", ballot_id},
                    {"choices", {a.proposal_ids[proposal]}}});
    }
};

} // namespace

TEST_CASE("the close waits for a declared vote in flight and counts the ballot sent in the grace") {
    // A long grace, so that the ballot below arrives inside it however slow this machine is; the
    // round must close when the ballot is stored, not when the grace ends.
    closing_room r(std::chrono::seconds(30));
    auto& c = r.c;
    const auto& a = r.a;
    const auto& mod = r.mod;
    auto& tablet = r.tablet;
    ws_client phone(r.s.port, clinic);
    hello_with_pending(phone, a.codes[0], a.round_id);

    // The moderator sees the phone's vote in flight before closing.
    auto seen = tablet.snapshot_where([](const json& m) {
        return round_is(m, "abierta") && m["round"].value("pending_votes", 0) == 1;
    });
    REQUIRE(seen);
    CHECK((*seen)["round"]["closing"] == false);

    auto waiting = call(c, "POST", close_path(a.round_id), mod, nullptr, 202);
    CHECK(waiting["status"] == "abierta");
    CHECK(waiting["closing"] == true);
    CHECK(waiting["pending_votes"] == 1);
    CHECK(waiting["close_grace_ms"] == 30000);
    CHECK(tablet.snapshot_where(
        [](const json& m) { return round_is(m, "abierta") && m["round"]["closing"] == true; }));
    // Asking again while it waits is the same wait, not a second one.
    auto again = call(c, "POST", close_path(a.round_id), mod, nullptr, 202);
    CHECK(again["closing"] == true);

    r.send_ballot(phone, "late-but-in-time-1", 1);
    auto ack = phone.next_of("ack");
    REQUIRE_MESSAGE(ack, "the ballot sent inside the grace is counted");
    CHECK((*ack)["ballot_id"] == "late-but-in-time-1");

    // Nothing in flight any more: the round closes now, well before its 30 s grace.
    auto closed = tablet.snapshot_where([](const json& m) { return round_is(m, "cerrada"); },
                                        std::chrono::seconds(10));
    REQUIRE_MESSAGE(closed, "the round closes once the last vote in flight is stored");
    CHECK_FALSE((*closed)["round"].contains("pending_votes"));
    auto listed = listed_round(c, mod, a.round_id);
    CHECK(listed["status"] == "cerrada");
    CHECK(listed["ballots"] == 1);
    auto revealed = call(c, "POST", rounds_path + "/" + std::to_string(a.round_id) + "/reveal", mod,
                         nullptr, 200);
    CHECK(revealed["results"]["ballots"] == 1);

    // Closing it again is refused like before: it is not open.
    auto twice =
        c.request("POST", close_path(a.round_id), "", {{"Authorization", "Bearer " + mod}});
    CHECK(twice.status == 409);
}

TEST_CASE("with no vote in flight the close does not wait") {
    running_server s(with_grace(std::chrono::seconds(30)));
    http_client c(s.port);
    auto a = setup_assembly(c, login(c, "coord"), clinic, 3, {100000, 150000}, 1);
    auto mod = login(c, "mod");

    // A connected phone that voted and got its ack holds nothing up.
    ws_client phone(s.port, clinic);
    phone.send({{"type", "hello"}, {"credential", a.codes[0]}});
    REQUIRE(phone.next_of("welcome"));
    phone.send({{"type", "ballot"},
                {"round_id", a.round_id},
                {"ballot_id", "on-time-ballot-1"},
                {"choices", {a.proposal_ids[0]}}});
    REQUIRE(phone.next_of("ack"));
    // The same voter back on another socket, saying it still holds that ballot (its ack was
    // lost): it is stored already, so nothing is in flight.
    ws_client again(s.port, clinic);
    again.send({{"type", "hello"},
                {"credential", a.codes[0]},
                {"pending_round_id", a.round_id},
                {"pending_ballot_id", "on-time-ballot-1"}});
    auto welcome = again.next_of("welcome");
    REQUIRE(welcome);
    CHECK((*welcome)["my_ballots"][std::to_string(a.round_id)]["ballot_id"] == "on-time-ballot-1");
    // A phone that declared a ballot holds nothing up once its resend is answered.
    ws_client back(s.port, clinic);
    hello_with_pending(back, a.codes[1], a.round_id);
    back.send({{"type", "ballot"},
               {"round_id", a.round_id},
               {"ballot_id", "on-time-ballot-2"},
               {"choices", {a.proposal_ids[1]}}});
    REQUIRE(back.next_of("ack"));

    auto closed = call(c, "POST", close_path(a.round_id), mod, nullptr, 200);
    CHECK(closed["status"] == "cerrada");
    CHECK_FALSE(closed.contains("closing"));
    CHECK(closed["ballots"] == 2);
}

TEST_CASE("a phone that goes away stops holding up the close, and the grace has an end") {
    SUBCASE("a phone that disconnects before the close no longer counts") {
        closing_room r(std::chrono::seconds(30));
        {
            ws_client phone(r.s.port, clinic);
            r.vote_in_flight(phone, 2);
        } // the phone's socket closes before anyone closes the round
        REQUIRE(r.tablet.snapshot_where([](const json& m) {
            return round_is(m, "abierta") && m["round"].value("pending_votes", 0) == 0;
        }));
        auto closed = call(r.c, "POST", close_path(r.a.round_id), r.mod, nullptr, 200);
        CHECK(closed["status"] == "cerrada");
    }
    SUBCASE("a phone whose link drops during the grace reconnects and its ballot counts") {
        closing_room r(std::chrono::seconds(30));
        {
            ws_client phone(r.s.port, clinic);
            r.vote_in_flight(phone, 2);
            call(r.c, "POST", close_path(r.a.round_id), r.mod, nullptr, 202);
        } // the phone's socket closes while the close waits for it
        ws_client back(r.s.port, clinic);
        hello_with_pending(back, r.a.codes[2], r.a.round_id);
        r.send_ballot(back, "after-reconnect-1", 0);
        REQUIRE_MESSAGE(back.next_of("ack"), "the close still waited for the reconnecting phone");
        auto closed = r.tablet.snapshot_where([](const json& m) { return round_is(m, "cerrada"); },
                                              std::chrono::seconds(10));
        REQUIRE_MESSAGE(closed, "the round closes once the reconnected phone's ballot is stored");
        CHECK(listed_round(r.c, r.mod, r.a.round_id)["ballots"] == 1);
    }
    SUBCASE(
        "the phone never sends: the round closes after the grace, and a late ballot is refused") {
        closing_room r(std::chrono::milliseconds(300));
        ws_client phone(r.s.port, clinic);
        r.vote_in_flight(phone, 2);
        auto waiting = call(r.c, "POST", close_path(r.a.round_id), r.mod, nullptr, 202);
        CHECK(waiting["close_grace_ms"] == 300);
        REQUIRE(r.tablet.snapshot_where([](const json& m) { return round_is(m, "cerrada"); },
                                        std::chrono::seconds(10)));
        r.send_ballot(phone, "too-late-ballot-1", 0);
        auto refused = phone.next_of("error");
        REQUIRE(refused);
        CHECK((*refused)["error"] == "round_closed");
        CHECK((*refused)["ballot_id"] == "too-late-ballot-1");
        CHECK(listed_round(r.c, r.mod, r.a.round_id)["ballots"] == 0);
    }
}

} // namespace close_grace_test
