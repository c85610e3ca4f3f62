#include "assembly_helpers.hpp"

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace floor_test {

namespace {

/// An assembly in registro with three checked-in attendees and their codes.
struct floor_env : assembly_env {
    std::string ana, beto, carla;
    std::int64_t ana_id = 0, beto_id = 0, carla_id = 0;
    floor_env() {
        add_more_staff(s);
        move_to("registro");
        auto a = check_in("Ana Pérez", "A001");
        auto b = check_in("Beto Gómez", "A002", "hombre");
        auto k = check_in("Carla Ruiz", "A003");
        ana = a["credential"]["code"];
        beto = b["credential"]["code"];
        carla = k["credential"]["code"];
        ana_id = a["attendee"]["id"];
        beto_id = b["attendee"]["id"];
        carla_id = k["attendee"]["id"];
    }
    http_reply as_voter(const std::string& method, const std::string& code) {
        return c.request(method, "/api/c/CSIMB000001/floor", {}, credential(code));
    }
    json queue() { return body_of(c.request("GET", "/api/c/CSIMB000001/floor")); }
};

} // namespace

TEST_CASE("attendees ask for the floor from the phone, once each, and can withdraw") {
    floor_env e;
    auto empty = e.queue();
    CHECK(empty["speaker_seconds"] == 120);
    CHECK(empty["current"].is_null());
    CHECK(empty["waiting"].empty());
    CHECK_FALSE(empty["server_time"].get<std::string>().empty());

    auto before = audit_events(e.s);
    auto anon = e.c.request("POST", "/api/c/CSIMB000001/floor");
    CHECK(anon.status == 401);
    CHECK(body_of(anon)["error"] == "no_credential");
    CHECK(e.as_voter("POST", "ZZZZZZZZ").status == 401);
    CHECK(e.c.request("POST", "/api/c/CSIMB000001/floor", {}, bearer(e.mod)).status == 401);
    CHECK(audit_events(e.s) == before);

    auto first = e.as_voter("POST", e.ana);
    REQUIRE(first.status == 201);
    auto req = body_of(first)["request"];
    CHECK(req["attendee_id"] == e.ana_id);
    CHECK(req["nombre"] == "Ana Pérez");
    CHECK(req["status"] == "esperando");
    REQUIRE(e.as_voter("POST", e.beto).status == 201);
    REQUIRE(e.as_voter("POST", e.carla.substr(0, 4) + "-" + e.carla.substr(4)).status == 201);
    before = audit_events(e.s);
    auto twice = e.as_voter("POST", e.ana);
    CHECK(twice.status == 409);
    CHECK(body_of(twice)["error"] == "already_waiting");
    CHECK(audit_events(e.s) == before);

    auto q = e.queue();
    REQUIRE(q["waiting"].size() == 3);
    CHECK(q["waiting"][0]["attendee_id"] == e.ana_id);
    CHECK(q["waiting"][1]["nombre"] == "Beto Gómez");
    CHECK(q["waiting"][2]["attendee_id"] == e.carla_id);
    CHECK_FALSE(q["waiting"][0]["requested_at"].get<std::string>().empty());

    auto out = e.as_voter("DELETE", e.beto);
    REQUIRE(out.status == 200);
    CHECK(body_of(out)["request"]["status"] == "retirada");
    auto not_waiting = e.as_voter("DELETE", e.beto);
    CHECK(not_waiting.status == 404);
    CHECK(body_of(not_waiting)["error"] == "no_floor_request");
    CHECK(e.queue()["waiting"].size() == 2);
    // Withdrawn, Beto may ask again and goes to the end of the line.
    REQUIRE(e.as_voter("POST", e.beto).status == 201);
    CHECK(e.queue()["waiting"][2]["attendee_id"] == e.beto_id);

    // A revoked credential can no longer ask, and its place in the line is withdrawn.
    REQUIRE(e.as_mod("POST", "/attendees/" + std::to_string(e.carla_id) + "/revoke").status == 200);
    CHECK(e.as_voter("POST", e.carla).status == 401);
    auto after_revoke = e.queue();
    REQUIRE(after_revoke["waiting"].size() == 2);
    CHECK(after_revoke["waiting"][1]["attendee_id"] == e.beto_id);
    CHECK(count_rows(e.s, "SELECT count(*) FROM floor_requests") == 4); // nothing deleted
}

TEST_CASE("the moderator gives the floor in order or to a chosen one, and ends turns") {
    floor_env e;
    auto& c = e.c;
    for (const auto& code : {e.ana, e.beto, e.carla})
        REQUIRE(e.as_voter("POST", code).status == 201);
    auto q = e.queue();
    std::int64_t ana_req = q["waiting"][0]["id"];
    std::int64_t beto_req = q["waiting"][1]["id"];
    std::int64_t carla_req = q["waiting"][2]["id"];

    auto next = e.as_mod("POST", "/floor/next");
    REQUIRE(next.status == 200);
    auto n = body_of(next);
    CHECK(n["current"]["id"] == ana_req);
    CHECK(n["current"]["nombre"] == "Ana Pérez");
    CHECK_FALSE(n["current"]["started_at"].get<std::string>().empty());
    CHECK(n["waiting"].size() == 2);
    // The speaker cannot ask again or withdraw while speaking.
    CHECK(body_of(e.as_voter("POST", e.ana))["error"] == "already_speaking");
    CHECK(e.as_voter("DELETE", e.ana).status == 404);

    auto give = e.as_mod("POST", "/floor/" + std::to_string(carla_req) + "/give");
    REQUIRE(give.status == 200);
    CHECK(body_of(give)["current"]["id"] == carla_req);
    REQUIRE(body_of(give)["waiting"].size() == 1);
    CHECK(body_of(give)["waiting"][0]["id"] == beto_req);

    auto before = audit_events(e.s);
    CHECK(e.as_mod("POST", "/floor/" + std::to_string(ana_req) + "/give").status == 404);
    CHECK(e.as_mod("POST", "/floor/" + std::to_string(carla_req) + "/give").status == 409);
    auto wrong_done = e.as_mod("POST", "/floor/" + std::to_string(beto_req) + "/done");
    CHECK(wrong_done.status == 409);
    CHECK(body_of(wrong_done)["error"] == "not_speaking");
    CHECK(e.as_mod("POST", "/floor/abc/give").status == 404);
    CHECK(c.request("POST", "/api/c/CSIMB000001/floor/next").status == 401);
    CHECK(c.request("POST", "/api/c/CSIMB000001/floor/next", {}, credential(e.ana)).status == 401);
    CHECK(c.request("POST", "/api/c/CSIMB000001/floor/next", {}, bearer(login(c, "mod2"))).status ==
          403);
    CHECK(
        c.request("POST", "/api/c/CSIMB000001/floor/next", {}, bearer(login(c, "cosabi"))).status ==
        403);
    CHECK(audit_events(e.s) == before);
    CHECK(e.queue()["current"]["id"] == carla_req);

    auto done = e.as_mod("POST", "/floor/" + std::to_string(carla_req) + "/done");
    REQUIRE(done.status == 200);
    CHECK(body_of(done)["current"].is_null());
    REQUIRE(e.as_mod("POST", "/floor/next").status == 200); // Beto
    auto last = e.as_mod("POST", "/floor/next");            // nobody waits: Beto's turn ends
    REQUIRE(last.status == 200);
    CHECK(body_of(last)["current"].is_null());
    auto none = e.as_mod("POST", "/floor/next");
    CHECK(none.status == 409);
    CHECK(body_of(none)["error"] == "queue_empty");
    // The queue lives in the database: a reloaded tablet sees the same thing.
    CHECK(count_rows(e.s, "SELECT count(*) FROM floor_requests WHERE status = 'atendida'") == 3);
}

TEST_CASE("speaker time is set by the moderator and the queue is closed outside the session") {
    floor_env e;
    auto& c = e.c;
    auto set = e.as_mod("PATCH", "/floor", R"({"speaker_seconds":90})");
    REQUIRE(set.status == 200);
    CHECK(body_of(set)["speaker_seconds"] == 90);
    CHECK(e.queue()["speaker_seconds"] == 90);
    auto before = audit_events(e.s);
    auto low = e.as_mod("PATCH", "/floor", R"({"speaker_seconds":5})");
    CHECK(low.status == 400);
    CHECK(body_of(low)["field"] == "speaker_seconds");
    CHECK(e.as_mod("PATCH", "/floor", R"({"speaker_seconds":100000})").status == 400);
    CHECK(e.as_mod("PATCH", "/floor", R"({"seconds":90})").status == 400);
    CHECK(c.request("PATCH", "/api/c/CSIMB000001/floor", R"({"speaker_seconds":60})").status ==
          401);
    CHECK(c.request("PATCH", "/api/c/CSIMB000001/floor", R"({"speaker_seconds":60})",
                    bearer(login(c, "mod2")))
              .status == 403);
    CHECK(audit_events(e.s) == before);

    REQUIRE(e.as_voter("POST", e.ana).status == 201);
    e.move_to("suspendida");
    auto paused = e.as_voter("POST", e.beto);
    CHECK(paused.status == 409);
    CHECK(body_of(paused)["error"] == "wrong_state");
    CHECK(e.as_mod("POST", "/floor/next").status == 409);
    CHECK(e.as_voter("DELETE", e.ana).status == 200); // withdrawing is always possible
    e.move_to("registro");
    e.move_to("en_sesion");
    REQUIRE(e.as_voter("POST", e.beto).status == 201);
    REQUIRE(e.as_mod("POST", "/floor/next").status == 200);
    e.move_to("cerrada");
    CHECK(e.as_voter("POST", e.carla).status == 409);
    // Ending the last turn still works after closing.
    std::int64_t current = e.queue()["current"]["id"];
    CHECK(e.as_mod("POST", "/floor/" + std::to_string(current) + "/done").status == 200);
    CHECK(c.request("GET", "/api/c/CSIMB000002/floor").status == 404);
}

} // namespace floor_test
