// Cancelling a prepared round over REST: voided and audited, no longer current, and a new round
// can take its place; an open or closed round is refused and nothing is written.
#include "assembly_setup.hpp"
#include "ws_client.hpp"

#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace round_cancel_test {

namespace {

const std::string clinic = "CSIMB000001";
const std::string rounds_path = "/api/c/" + clinic + "/rounds";

long long count_of(running_server& s, const std::string& sql) {
    auto db = s.srv->store().readers().acquire();
    return db->execAndGet(sql).getInt64();
}

std::string round_path(std::int64_t id, const std::string& action) {
    return rounds_path + "/" + std::to_string(id) + "/" + action;
}

// The round the projector's first snapshot shows as current (null when there is none).
json current_on_projector(unsigned short port) {
    ws_client projector(port, clinic);
    projector.send({{"type", "hello"}});
    auto snap = projector.next_of("snapshot");
    REQUIRE(snap);
    return (*snap)["round"];
}

} // namespace

TEST_CASE("a prepared round is cancelled, is no longer current, and another can be prepared") {
    running_server s;
    http_client c(s.port);
    auto a = setup_assembly(c, login(c, "coord"), clinic, 2, {100000, 150000}, 1, false);
    auto mod = login(c, "mod");
    CHECK(current_on_projector(s.port)["id"] == a.round_id);
    auto audited_before = count_of(s, "SELECT count(*) FROM audit_events");

    auto cancelled = call(c, "POST", round_path(a.round_id, "cancel"), mod, nullptr, 200);
    CHECK(cancelled["id"] == a.round_id);
    CHECK(cancelled["status"] == "cancelada");

    // Voided, not deleted: the row stays (never opened), and the chain records who did what.
    CHECK(count_of(s, "SELECT count(*) FROM rounds WHERE id = " + std::to_string(a.round_id) +
                          " AND cancelled_at IS NOT NULL AND opened_at IS NULL") == 1);
    CHECK(count_of(s, "SELECT count(*) FROM audit_events") == audited_before + 1);
    CHECK(count_of(s, "SELECT count(*) FROM audit_events WHERE type = 'round.cancelled' AND "
                      "json_extract(payload, '$.round_id') = " +
                          std::to_string(a.round_id)) == 1);

    // Listed with its status, but nobody is shown it as the current round.
    auto list = call(c, "GET", rounds_path, mod, nullptr, 200);
    REQUIRE(list["items"].size() == 1);
    CHECK(list["items"][0]["status"] == "cancelada");
    CHECK(current_on_projector(s.port).is_null());

    // A voter cannot vote in it.
    ws_client voter(s.port, clinic);
    voter.send({{"type", "hello"}, {"credential", a.codes[0]}});
    REQUIRE(voter.next_of("welcome"));
    voter.send({{"type", "ballot"},
                {"round_id", a.round_id},
                {"ballot_id", "ballot-0001"},
                {"choices", {a.proposal_ids[0]}}});
    auto refused = voter.next_of("error");
    REQUIRE(refused);
    CHECK((*refused)["error"] == "round_not_current");

    // It cannot be opened, nor cancelled twice, and neither writes anything.
    auto audited = count_of(s, "SELECT count(*) FROM audit_events");
    auto reopen = c.request("POST", round_path(a.round_id, "open"), "{}",
                            {{"Authorization", "Bearer " + mod}});
    CHECK(reopen.status == 409);
    CHECK(json::parse(reopen.body)["error"] == "round_cancelled");
    auto twice = call(c, "POST", round_path(a.round_id, "cancel"), mod, nullptr, 409);
    CHECK(twice["error"] == "round_cancelled");
    CHECK(count_of(s, "SELECT count(*) FROM audit_events") == audited);

    // The moderator prepares the right round; it becomes current and opens.
    auto next =
        call(c, "POST", rounds_path, mod, {{"kind", "motion"}, {"title", "¿Aprobamos?"}}, 201);
    CHECK(next["status"] == "preparada");
    CHECK(current_on_projector(s.port)["id"] == next["id"]);
    auto opened = call(c, "POST", round_path(next["id"], "open"), mod, nullptr, 200);
    CHECK(opened["status"] == "abierta");

    // The draft acta leaves the cancelled round out rather than failing on it.
    auto acta = c.request("GET", "/api/c/" + clinic + "/acta.pdf", "",
                          {{"Authorization", "Bearer " + mod}});
    CHECK(acta.status == 200);
}

TEST_CASE("an open or closed round cannot be cancelled, and the refusal writes nothing") {
    running_server s;
    http_client c(s.port);
    auto a = setup_assembly(c, login(c, "coord"), clinic, 1, {100000}, 1, true);
    auto mod = login(c, "mod");
    auto audited = count_of(s, "SELECT count(*) FROM audit_events");

    auto open = call(c, "POST", round_path(a.round_id, "cancel"), mod, nullptr, 409);
    CHECK(open["error"] == "round_open");
    CHECK(open["message"] == "Esta votación ya está abierta y no se puede cancelar. Ciérrela si "
                             "ya no debe seguir.");
    CHECK(count_of(s, "SELECT count(*) FROM audit_events") == audited);
    CHECK(count_of(s, "SELECT count(*) FROM rounds WHERE cancelled_at IS NOT NULL") == 0);
    CHECK(current_on_projector(s.port)["status"] == "abierta");

    call(c, "POST", round_path(a.round_id, "close"), mod, nullptr, 200);
    audited = count_of(s, "SELECT count(*) FROM audit_events");
    auto closed = call(c, "POST", round_path(a.round_id, "cancel"), mod, nullptr, 409);
    CHECK(closed["error"] == "round_closed");
    CHECK(count_of(s, "SELECT count(*) FROM audit_events") == audited);
    CHECK(call(c, "GET", rounds_path, mod, nullptr, 200)["items"][0]["status"] == "cerrada");
}

TEST_CASE("only a moderator of the round's clinic can cancel it") {
    running_server s;
    http_client c(s.port);
    auto coord = login(c, "coord");
    auto a = setup_assembly(c, coord, clinic, 1, {100000}, 1, false);
    auto mod = login(c, "mod"); // moderator of CSIMB000001 only
    auto audited = count_of(s, "SELECT count(*) FROM audit_events WHERE type NOT LIKE 'auth.%'");

    auto anonymous = c.request("POST", round_path(a.round_id, "cancel"));
    CHECK(anonymous.status == 401);
    auto bad_token = c.request("POST", round_path(a.round_id, "cancel"), "",
                               {{"Authorization", "Bearer no-es-un-token"}});
    CHECK(bad_token.status == 401);
    auto other_clinic =
        c.request("POST", "/api/c/CSIMB000002/rounds/" + std::to_string(a.round_id) + "/cancel", "",
                  {{"Authorization", "Bearer " + mod}});
    CHECK(other_clinic.status == 403);
    auto unknown = call(c, "POST", round_path(a.round_id + 1000, "cancel"), mod, nullptr, 404);
    CHECK(unknown["error"] == "round_not_found");

    CHECK(count_of(s, "SELECT count(*) FROM audit_events WHERE type NOT LIKE 'auth.%'") == audited);
    CHECK(call(c, "GET", rounds_path, mod, nullptr, 200)["items"][0]["status"] == "preparada");
}

} // namespace round_cancel_test
