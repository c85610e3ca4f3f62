#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include "domain/ballot_limit.hpp"
#include "store/clinic_repo.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace voting_test {

namespace {

const std::string clinic = "CSIMB000001";

json hello(ws_client& ws, const std::string& code, std::uint64_t version = 0) {
    json msg = {{"type", "hello"}, {"credential", code}};
    if (version)
        msg["version"] = version;
    ws.send(msg);
    auto welcome = ws.next_of("welcome");
    REQUIRE(welcome);
    return *welcome;
}

json ballot(std::int64_t round, const std::string& uid, std::vector<std::string> choices) {
    return {{"type", "ballot"}, {"round_id", round}, {"ballot_id", uid}, {"choices", choices}};
}

long long counted_in_db(running_server& s, std::int64_t round) {
    auto db = s.srv->store().readers().acquire();
    SQLite::Statement q(*db,
                        "SELECT count(*) FROM ballots WHERE round_id = ? AND replaced_at IS NULL");
    q.bind(1, static_cast<int64_t>(round));
    q.executeStep();
    return q.getColumn(0).getInt64();
}

} // namespace

TEST_CASE(
    "a voter votes over WebSocket, gets a durable receipt, re-votes, and the tally counts once") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 3, {100000, 150000, 200000}, 2);

    ws_client projector(s.port, clinic);
    projector.send({{"type", "hello"}});
    auto welcome = projector.next_of("welcome");
    REQUIRE(welcome);
    CHECK((*welcome)["role"] == "public");
    auto first = projector.next_of("snapshot");
    REQUIRE(first);
    CHECK((*first)["round"]["status"] == "abierta");
    CHECK((*first)["round"]["ballots"] == 0);
    CHECK((*first)["assembly"]["attendance"] == 3);

    ws_client voter(s.port, clinic);
    auto w = hello(voter, a.codes[0]);
    CHECK(w["role"] == "voter");
    CHECK(w["attendee"]["nombre"] == "Persona 0");

    voter.send(ballot(a.round_id, "ballot-0001", {a.proposal_ids[0], a.proposal_ids[1]}));
    auto ack = voter.next_of("ack");
    REQUIRE(ack);
    std::string receipt = (*ack)["receipt"];
    CHECK(receipt.size() == 9);
    CHECK(receipt[4] == '-');
    CHECK(counted_in_db(s, a.round_id) == 1); // acknowledged means committed

    // A resend of the same ballot id is harmless: same receipt, nothing new written.
    voter.send(ballot(a.round_id, "ballot-0001", {a.proposal_ids[0], a.proposal_ids[1]}));
    auto again = voter.next_of("ack");
    REQUIRE(again);
    CHECK((*again)["receipt"] == receipt);

    // Voting again replaces the earlier ballot.
    voter.send(ballot(a.round_id, "ballot-0002", {a.proposal_ids[2]}));
    auto replaced = voter.next_of("ack");
    REQUIRE(replaced);
    CHECK((*replaced)["receipt"] != receipt);
    CHECK(counted_in_db(s, a.round_id) == 1);

    // The projector sees participation, but no results before reveal.
    auto seen = projector.snapshot_where([](const json& m) { return m["round"]["ballots"] == 1; });
    REQUIRE(seen);
    CHECK((*seen)["round"]["results"].is_null());

    // Invalid choices are refused with a reason.
    voter.send(ballot(a.round_id, "ballot-0003",
                      {a.proposal_ids[0], a.proposal_ids[1], a.proposal_ids[2]}));
    auto too_many = voter.next_of("error");
    REQUIRE(too_many);
    CHECK((*too_many)["error"] == "too_many_choices");
    CHECK((*too_many)["ballot_id"] == "ballot-0003");
    voter.send(ballot(a.round_id, "ballot-0004", {"999999"}));
    CHECK((*voter.next_of("error"))["error"] == "bad_choice");

    std::string base = "/api/c/" + clinic + "/rounds/" + std::to_string(a.round_id);
    auto closed = call(c, "POST", base + "/close", token, nullptr, 200);
    CHECK(closed["status"] == "cerrada");
    CHECK(closed["results"].is_null()); // closed but not yet revealed

    // A ballot after close is refused.
    voter.send(ballot(a.round_id, "ballot-0005", {a.proposal_ids[0]}));
    CHECK((*voter.next_of("error"))["error"] == "round_closed");

    auto revealed = call(c, "POST", base + "/reveal", token, nullptr, 200);
    REQUIRE(revealed["results"].is_object());
    auto lines = revealed["results"]["lines"];
    REQUIRE(lines.size() == 3);
    CHECK(lines[2]["votes"] == 1);
    CHECK(lines[2]["selected"] == true);
    CHECK(lines[0]["votes"] == 0);
    CHECK_FALSE(revealed["results"]["summary"].get<std::string>().empty());
    auto shown =
        projector.snapshot_where([](const json& m) { return m["round"]["revealed"] == true; });
    REQUIRE(shown);
    CHECK((*shown)["round"]["results"]["lines"][2]["selected"] == true);

    // The public ballot list has the receipt with its choices, and nothing about the person.
    auto list = call(c, "GET", base + "/ballots", token, nullptr, 200);
    REQUIRE(list["items"].size() == 1);
    CHECK(list["items"][0]["receipt"] == (*replaced)["receipt"]);
    CHECK(list["items"][0]["choices"] == json::array({a.proposal_ids[2]}));
    CHECK(list["items"][0].size() == 2);
}

TEST_CASE("credentials that are revoked, unknown or from another clinic cannot vote") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 2, {100000}, 1);
    auto b = setup_assembly(c, token, "CSIMB000002", 1, {100000}, 1);

    ws_client stranger(s.port, clinic);
    stranger.send({{"type", "hello"}, {"credential", b.codes[0]}});
    auto refused = stranger.next_of("error");
    REQUIRE(refused);
    CHECK((*refused)["error"] == "bad_credential");

    ws_client voter(s.port, clinic);
    hello(voter, a.codes[1]);
    call(c, "POST",
         "/api/c/" + clinic + "/attendees/" + std::to_string(a.attendee_ids[1]) + "/revoke", token,
         nullptr, 200);
    voter.send(ballot(a.round_id, "ballot-rev1", {a.proposal_ids[0]}));
    auto revoked = voter.next_of("error");
    REQUIRE(revoked);
    CHECK((*revoked)["error"] == "credential_revoked");
    CHECK(counted_in_db(s, a.round_id) == 0);

    ws_client unknown(s.port, clinic);
    unknown.send({{"type", "hello"}, {"credential", "ZZZZ-ZZZZ"}});
    CHECK((*unknown.next_of("error"))["error"] == "bad_credential");
}

TEST_CASE("malformed, unknown, premature and oversized messages are refused") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 1, {100000}, 1);

    ws_client ws(s.port, clinic);
    ws.send_text("esto no es json");
    CHECK((*ws.next_of("error"))["error"] == "bad_message");
    ws.send({{"type", "bailar"}});
    CHECK((*ws.next_of("error"))["error"] == "unknown_type");
    ws.send(ballot(a.round_id, "ballot-early", {a.proposal_ids[0]}));
    CHECK((*ws.next_of("error"))["error"] == "hello_first");
    ws.send({{"type", "ballot"},
             {"round_id", "uno"},
             {"ballot_id", "ballot-typed"},
             {"choices", {"1"}}});
    auto typed = ws.next_of("error");
    REQUIRE(typed);
    CHECK((*typed)["error"] == "invalid_field");
    CHECK((*typed)["field"] == "round_id");
    ws.send({{"type", "ballot"}, {"round_id", 1}});
    CHECK((*ws.next_of("error"))["error"] == "missing_field");
    ws.send({{"type", "ping"}});
    CHECK(ws.next_of("pong"));

    ws_client public_view(s.port, clinic);
    public_view.send({{"type", "hello"}});
    REQUIRE(public_view.next_of("welcome"));
    public_view.send(ballot(a.round_id, "ballot-public", {a.proposal_ids[0]}));
    CHECK((*public_view.next_of("error"))["error"] == "not_a_voter");

    ws_client big(s.port, clinic);
    big.send({{"type", "hello"}, {"credential", std::string(32 * 1024, 'A')}});
    CHECK_FALSE(big.next(std::chrono::seconds(5)));
    // The server drops the connection at once (close 1009); with the rest of the oversized frame
    // still unread, TCP may deliver that as a reset rather than the close frame.
    REQUIRE(big.ended()); // ended, not timed out
    if (big.closed())
        CHECK(big.close_code() == 1009); // too big
    ws_client after(s.port, clinic);     // the server is still fine
    after.send({{"type", "ping"}});
    CHECK(after.next_of("pong"));
    CHECK(counted_in_db(s, a.round_id) == 0);
}

TEST_CASE("a reconnecting client catches up from its last version") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 3, {100000, 200000}, 1);
    std::uint64_t version = 0;
    {
        ws_client projector(s.port, clinic);
        projector.send({{"type", "hello"}});
        auto snap = projector.next_of("snapshot");
        REQUIRE(snap);
        version = (*snap)["version"];
        CHECK((*snap)["round"]["ballots"] == 0);
    }
    for (int i = 0; i < 2; ++i) {
        ws_client voter(s.port, clinic);
        hello(voter, a.codes[i]);
        voter.send(ballot(a.round_id, "ballot-c" + std::to_string(i) + "xyz", {a.proposal_ids[0]}));
        REQUIRE(voter.next_of("ack"));
    }
    ws_client back(s.port, clinic);
    back.send({{"type", "hello"}, {"version", version}});
    REQUIRE(back.next_of("welcome"));
    auto caught = back.next_of("snapshot");
    REQUIRE(caught);
    CHECK((*caught)["version"].get<std::uint64_t>() > version);
    CHECK((*caught)["round"]["ballots"] == 2);

    // A client already up to date gets no snapshot until something changes. First let the room
    // go quiet (no coalesced push still on its way), as `back` observes.
    auto current = (*caught)["version"].get<std::uint64_t>();
    while (auto later = back.next_of("snapshot", std::chrono::milliseconds(600)))
        current = (*later)["version"].get<std::uint64_t>();
    ws_client fresh(s.port, clinic);
    fresh.send({{"type", "hello"}, {"version", current}});
    REQUIRE(fresh.next_of("welcome"));
    CHECK_FALSE(fresh.next_of("snapshot", std::chrono::milliseconds(500)));

    // A voter who reconnects sees their own ballot again.
    ws_client voter(s.port, clinic);
    auto w = hello(voter, a.codes[0]);
    CHECK(w["my_ballots"][std::to_string(a.round_id)]["choices"] ==
          json::array({a.proposal_ids[0]}));
}

TEST_CASE("1,000 parallel submissions from one credential leave exactly one counted ballot") {
    // Each is answered: an ack, or, past the person's cap (domain/ballot_limit), a refusal.
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 2, {100000, 200000, 300000}, 1);
    constexpr int sockets = 10;
    constexpr int per_socket = 100;
    std::atomic<int> acks{0};
    std::atomic<int> capped{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < sockets; ++t)
        threads.emplace_back([&, t] {
            ws_client ws(s.port, clinic);
            ws.send({{"type", "hello"}, {"credential", a.codes[0]}});
            for (int i = 0; i < per_socket; ++i) {
                // Half resend one shared id, half are fresh ids: both must count once.
                std::string uid = i % 2 ? "shared-ballot-id"
                                        : "ballot-" + std::to_string(t) + "-" + std::to_string(i);
                ws.send(ballot(a.round_id, uid, {a.proposal_ids[static_cast<std::size_t>(i % 3)]}));
            }
            int mine = 0;
            while (mine < per_socket) {
                auto msg = ws.next(std::chrono::seconds(20));
                if (!msg) {
                    MESSAGE("socket " << t << " stopped after " << mine
                                      << " acks: " << ws.error_message());
                    break;
                }
                if ((*msg)["type"] == "ack")
                    ++mine;
                else if (msg->value("error", "") == "too_many_ballots") {
                    ++mine;
                    ++capped;
                } else if ((*msg)["type"] == "error")
                    MESSAGE("unexpected " << msg->dump());
            }
            acks += mine;
        });
    for (auto& th : threads)
        th.join();
    CHECK(acks == sockets * per_socket);
    // 500 fresh ids: all but at most the cap are refused; nothing else is.
    CHECK(capped >= sockets * per_socket / 2 - asamblea::domain::max_ballots_per_round);
    CHECK(counted_in_db(s, a.round_id) == 1);
    auto closed =
        call(c, "POST", "/api/c/" + clinic + "/rounds/" + std::to_string(a.round_id) + "/close",
             token, nullptr, 200);
    auto revealed =
        call(c, "POST", "/api/c/" + clinic + "/rounds/" + std::to_string(a.round_id) + "/reveal",
             token, nullptr, 200);
    long long votes = 0;
    for (const auto& line : revealed["results"]["lines"])
        votes += line["votes"].get<long long>();
    CHECK(votes == 1);
}

TEST_CASE("twenty assemblies vote at once without seeing each other") {
    // Each room is a strand: with one room thread or several, an assembly only sees its own.
    asamblea::server::server_config config;
    SUBCASE("rooms on one thread") {
        config.room_threads = 1;
    }
    SUBCASE("rooms on two threads") {
        config.room_threads = 2;
    }
    running_server s(config);
    constexpr int assemblies = 20;
    constexpr int voters = 4;
    std::vector<std::string> clinics;
    {
        std::vector<asamblea::domain::clinic> rows;
        for (int i = 0; i < assemblies; ++i) {
            char clues[24]; // room for any int, so GCC sees no truncation
            std::snprintf(clues, sizeof clues, "MCIMB%06d", 100 + i);
            clinics.push_back(clues);
            rows.push_back({clues, "Unidad " + std::to_string(i), "México", "Toluca",
                            "IMSS-BIENESTAR", 2, "UMF", 60000000});
        }
        REQUIRE(s.srv->store().writer().run(
            [&](asamblea::store::write_context& ctx) -> asamblea::domain::status {
                asamblea::store::upsert_clinics(ctx, rows);
                return {};
            }));
    }
    http_client c(s.port);
    auto token = login(c, "coord");
    std::vector<assembly_setup> setups;
    for (const auto& clues : clinics)
        setups.push_back(setup_assembly(c, token, clues, voters, {100000, 200000}, 1));

    // Each assembly's voters vote in parallel; assembly i has (i % voters) + 1 of its voters vote.
    std::vector<std::thread> threads;
    std::atomic<int> acks{0};
    for (int i = 0; i < assemblies; ++i)
        threads.emplace_back([&, i] {
            const auto& a = setups[static_cast<std::size_t>(i)];
            for (int v = 0; v <= i % voters; ++v) {
                ws_client ws(s.port, a.clues);
                ws.send({{"type", "hello"}, {"credential", a.codes[static_cast<std::size_t>(v)]}});
                ws.send(ballot(a.round_id,
                               "iso-ballot-" + std::to_string(i) + "-" + std::to_string(v),
                               {a.proposal_ids[0]}));
                if (ws.next_of("ack", std::chrono::seconds(20)))
                    ++acks;
            }
        });
    for (auto& t : threads)
        t.join();
    int expected = 0;
    for (int i = 0; i < assemblies; ++i)
        expected += i % voters + 1;
    CHECK(acks == expected);
    for (int i = 0; i < assemblies; ++i) {
        const auto& a = setups[static_cast<std::size_t>(i)];
        CHECK_MESSAGE(counted_in_db(s, a.round_id) == i % voters + 1, a.clues);
        auto rounds = call(c, "GET", "/api/c/" + a.clues + "/rounds", token, nullptr, 200);
        CHECK(rounds["items"][0]["ballots"] == i % voters + 1);
    }
}

TEST_CASE("a countdown closes the round by itself and the projector sees it") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 2, {100000}, 1, false);
    std::string base = "/api/c/" + clinic + "/rounds/" + std::to_string(a.round_id);
    auto too_short = c.request("POST", base + "/open", json{{"duration_seconds", 1}}.dump(),
                               {{"Authorization", "Bearer " + token}});
    CHECK(too_short.status == 400);
    auto opened = call(c, "POST", base + "/open", token, {{"duration_seconds", 5}}, 200);
    REQUIRE(opened["closes_at"].is_string());
    ws_client projector(s.port, clinic);
    projector.send({{"type", "hello"}});
    auto open_snap = projector.next_of("snapshot");
    REQUIRE(open_snap);
    CHECK((*open_snap)["round"]["closes_at"] == opened["closes_at"]);
    CHECK((*open_snap)["server_time"].is_string());
    auto closed = projector.snapshot_where(
        [](const json& m) { return m["round"]["status"] == "cerrada"; }, std::chrono::seconds(15));
    REQUIRE(closed);
    auto rounds = call(c, "GET", "/api/c/" + clinic + "/rounds", token, nullptr, 200);
    CHECK(rounds["items"][0]["status"] == "cerrada");
}

TEST_CASE("rounds are refused for the wrong role, clinic or state") {
    running_server s;
    http_client c(s.port);
    auto coord = login(c, "coord");
    auto a = setup_assembly(c, coord, clinic, 1, {100000}, 1, false);
    auto mod = login(c, "mod"); // moderator of CSIMB000001 only
    std::string other = "/api/c/CSIMB000002/rounds";
    auto wrong_clinic = c.request("POST", other, json{{"kind", "motion"}, {"title", "X"}}.dump(),
                                  {{"Authorization", "Bearer " + mod}});
    CHECK(wrong_clinic.status == 403);
    auto anonymous = c.request("POST", "/api/c/" + clinic + "/rounds",
                               json{{"kind", "motion"}, {"title", "X"}}.dump());
    CHECK(anonymous.status == 401);
    auto bad_kind = c.request("POST", "/api/c/" + clinic + "/rounds",
                              json{{"kind", "sorteo"}, {"title", "X"}}.dump(),
                              {{"Authorization", "Bearer " + mod}});
    CHECK(bad_kind.status == 400);
    // A second open round is refused while the first is open.
    std::string base = "/api/c/" + clinic + "/rounds/";
    call(c, "POST", base + std::to_string(a.round_id) + "/open", mod,
         {{"confirm_without_quorum", true}}, 200);
    auto motion = call(c, "POST", "/api/c/" + clinic + "/rounds", mod,
                       {{"kind", "motion"}, {"title", "Ratificar al COSABI"}}, 201);
    auto second = c.request("POST", base + std::to_string(motion["id"].get<int>()) + "/open", "{}",
                            {{"Authorization", "Bearer " + mod}});
    CHECK(second.status == 409);
    CHECK(json::parse(second.body)["error"] == "another_round_open");
    // Results cannot be revealed before close, and the ballot list waits for close too.
    auto early = c.request("POST", base + std::to_string(a.round_id) + "/reveal", "",
                           {{"Authorization", "Bearer " + mod}});
    CHECK(early.status == 409);
    CHECK(c.request("GET", base + std::to_string(a.round_id) + "/ballots").status == 409);
}

TEST_CASE("the projector's join QR is an SVG of the clinic's voting page") {
    running_server s;
    http_client c(s.port);
    auto qr =
        c.request("GET", "/api/c/CSIMB000001/join-qr.svg", {}, {{"Host", "asamblea.local:8080"}});
    CHECK(qr.status == 200);
    CHECK(qr.header("Content-Type") == "image/svg+xml");
    CHECK(qr.body.find("<svg") != std::string::npos);
    CHECK(c.request("GET", "/api/c/XX/join-qr.svg").status == 404);
}

TEST_CASE("an address that keeps guessing voter codes is made to wait") {
    // A budget of 30 unknown codes that does not refill while the test runs (the default is 300
    // an hour per address and clinic: tests/server/throttle_codes_test.cpp).
    asamblea::server::server_config config;
    config.code_throttle.address = {30, std::chrono::hours(1000)};
    running_server s(config);
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 1, {100000}, 1);
    unsigned last = 0;
    for (int i = 0; i < 40 && last != 429; ++i)
        last = c.request("GET", "/api/c/" + clinic + "/me", {},
                         {{"Authorization", "Credential ZZZZ-ZZZZ"}})
                   .status;
    CHECK(last == 429);
    // Even a right code that never got in from here waits now: guessing must not pay.
    auto right = c.request("GET", "/api/c/" + clinic + "/me", {},
                           {{"Authorization", "Credential " + a.codes[0]}});
    CHECK(right.status == 429);
    CHECK_FALSE(right.header("Retry-After").empty());
    ws_client ws(s.port, clinic);
    ws.send({{"type", "hello"}, {"credential", a.codes[0]}});
    auto refused = ws.next_of("error");
    REQUIRE(refused);
    CHECK((*refused)["error"] == "too_many_attempts");
}

TEST_CASE("asamblea verify recounts closed rounds and notices a tampered ballot") {
    running_server s;
    http_client c(s.port);
    auto token = login(c, "coord");
    auto a = setup_assembly(c, token, clinic, 2, {100000, 200000}, 1);
    for (int i = 0; i < 2; ++i) {
        ws_client voter(s.port, clinic);
        hello(voter, a.codes[static_cast<std::size_t>(i)]);
        voter.send(ballot(a.round_id, "verify-ballot-" + std::to_string(i), {a.proposal_ids[0]}));
        REQUIRE(voter.next_of("ack"));
    }
    call(c, "POST", "/api/c/" + clinic + "/rounds/" + std::to_string(a.round_id) + "/close", token,
         nullptr, 200);
    auto run_verify = [&] {
        std::string cmd = std::string(ASAMBLEA_BINARY) + " verify --data " + s.dir.str() + " 2>&1";
        FILE* pipe = popen(cmd.c_str(), "r");
        std::string out;
        char buf[512];
        while (std::size_t n = fread(buf, 1, sizeof buf, pipe))
            out.append(buf, n);
        int status = pclose(pipe);
        return std::pair{WEXITSTATUS(status), out};
    };
    auto [ok_code, ok_out] = run_verify();
    CHECK(ok_code == 0);
    CHECK(ok_out.find("Bitácora de " + clinic + ": íntegra") != std::string::npos);
    CHECK(ok_out.find("recontadas desde ella: 1") != std::string::npos);
    CHECK(ok_out.find("Diferencias: 0") != std::string::npos);
    {
        // Someone edits a stored ballot behind the server's back.
        SQLite::Database raw(s.dir.db(), SQLite::OPEN_READWRITE);
        raw.exec("UPDATE ballots SET choices = '[\"" + a.proposal_ids[1] +
                 "\"]' WHERE replaced_at IS NULL AND id = (SELECT min(id) FROM ballots)");
    }
    auto [bad_code, bad_out] = run_verify();
    CHECK(bad_code == 2);
    CHECK(bad_out.find("no dice lo que dice la bitácora") != std::string::npos);
}

} // namespace voting_test
