#include "assembly_helpers.hpp"

using nlohmann::json;

TEST_CASE("a coordinator creates the clinic's assembly; everyone else is refused") {
    assembly_env e(false);
    add_more_staff(e.s);
    auto& c = e.c;
    const std::string path = "/api/c/CSIMB000001/assembly";
    const std::string good =
        R"({"edition":2026,"scheduled_at":"2026-02-21T17:00:00.000Z","quorum_min":20})";

    auto none = c.request("GET", path);
    CHECK(none.status == 404);
    CHECK(body_of(none)["error"] == "no_assembly");

    auto before = audit_events(e.s);
    CHECK(c.request("POST", path, good).status == 401);
    auto by_mod = c.request("POST", path, good, bearer(e.mod));
    CHECK(by_mod.status == 403);
    CHECK(body_of(by_mod)["error"] == "wrong_role");
    auto state_coord = login(c, "coordchis");
    CHECK(c.request("POST", "/api/c/DFIST000003/assembly", good, bearer(state_coord)).status ==
          403);
    CHECK(c.request("POST", path, "{", bearer(e.coord)).status == 400);
    auto missing = c.request("POST", path, R"({"edition":2026})", bearer(e.coord));
    CHECK(missing.status == 400);
    CHECK(body_of(missing)["field"] == "scheduled_at");
    auto extra = c.request("POST", path,
                           R"({"edition":2026,"scheduled_at":"2026-02-21T17:00:00.000Z","x":1})",
                           bearer(e.coord));
    CHECK(extra.status == 400);
    auto bad_time =
        c.request("POST", path, R"({"edition":2026,"scheduled_at":"21/02/2026"})", bearer(e.coord));
    CHECK(bad_time.status == 400);
    CHECK(body_of(bad_time)["field"] == "scheduled_at");
    CHECK(c.request("POST", path, R"({"edition":1999,"scheduled_at":"2026-02-21T17:00Z"})",
                    bearer(e.coord))
              .status == 400);
    auto unknown = c.request("POST", "/api/c/ZZZZZ999999/assembly", good, bearer(e.coord));
    CHECK(unknown.status == 404);
    CHECK(c.request("POST", "/api/c/nope/assembly", good, bearer(e.coord)).status == 404);
    CHECK(audit_events(e.s) == before);
    CHECK(count_rows(e.s, "SELECT count(*) FROM assemblies") == 0);

    auto created = c.request("POST", path, good, bearer(e.coord));
    REQUIRE(created.status == 201);
    auto a = body_of(created);
    CHECK(a["clues"] == "CSIMB000001");
    CHECK(a["edition"] == 2026);
    CHECK(a["state"] == "convocada");
    CHECK(a["scheduled_at"] == "2026-02-21T17:00:00.000Z");
    CHECK(a["quorum_min"] == 20);
    CHECK(a["attendance"] == 0);
    CHECK(a["quorum_met"] == false);
    CHECK(a["allowed_transitions"] == json::array({"registro"}));
    CHECK(audit_events(e.s) == before + 1);

    auto dup = c.request("POST", path, good, bearer(e.coord));
    CHECK(dup.status == 409);
    CHECK(body_of(dup)["error"] == "assembly_exists");
    auto older = c.request("POST", path, R"({"edition":2025,"scheduled_at":"2025-02-21T17:00Z"})",
                           bearer(e.coord));
    CHECK(older.status == 409);
    CHECK(body_of(older)["error"] == "newer_assembly_exists");
    CHECK(audit_events(e.s) == before + 1);

    auto pub = c.request("GET", "/api/c/csimb000001/assembly");
    REQUIRE(pub.status == 200);
    CHECK(body_of(pub)["id"] == a["id"]);
    // A state coordinator covering the clinic may create it too.
    auto by_state = c.request("POST", "/api/c/CSIMB000002/assembly", good, bearer(state_coord));
    CHECK(by_state.status == 201);
}

TEST_CASE("the moderator moves the assembly through its states; invalid moves change nothing") {
    assembly_env e;
    add_more_staff(e.s);
    auto& c = e.c;
    auto to = [](const char* state) { return json{{"to", state}}.dump(); };
    auto before = audit_events(e.s);

    auto skip = e.as_mod("POST", "/assembly/transition", to("en_sesion"));
    CHECK(skip.status == 409);
    CHECK(body_of(skip)["error"] == "bad_transition");
    CHECK_FALSE(body_of(skip)["message"].get<std::string>().empty());
    CHECK(e.as_mod("POST", "/assembly/transition", to("abierta")).status == 400);
    CHECK(e.as_mod("POST", "/assembly/transition", "{}").status == 400);
    CHECK(c.request("POST", "/api/c/CSIMB000001/assembly/transition", to("registro")).status ==
          401);
    auto other = login(c, "mod2");
    auto wrong_clinic =
        c.request("POST", "/api/c/CSIMB000001/assembly/transition", to("registro"), bearer(other));
    CHECK(wrong_clinic.status == 403);
    CHECK(body_of(wrong_clinic)["error"] == "wrong_clinic");
    auto committee = login(c, "cosabi");
    CHECK(c.request("POST", "/api/c/CSIMB000001/assembly/transition", to("registro"),
                    bearer(committee))
              .status == 403);
    auto no_assembly =
        c.request("POST", "/api/c/CSIMB000002/assembly/transition", to("registro"), bearer(other));
    CHECK(no_assembly.status == 404);
    CHECK(audit_events(e.s) == before);
    CHECK(body_of(c.request("GET", "/api/c/CSIMB000001/assembly"))["state"] == "convocada");

    auto reg = e.as_mod("POST", "/assembly/transition", to("registro"));
    REQUIRE(reg.status == 200);
    CHECK(body_of(reg)["state"] == "registro");
    CHECK(body_of(reg)["allowed_transitions"] == json::array({"en_sesion", "suspendida"}));
    auto paused = e.as_mod("POST", "/assembly/transition", to("suspendida"));
    REQUIRE(paused.status == 200);
    CHECK(body_of(paused)["allowed_transitions"] == json::array({"registro"}));
    CHECK(body_of(paused)["resumes_to"] == "registro");
    CHECK(e.as_mod("POST", "/assembly/transition", to("en_sesion")).status == 409);
    e.move_to("registro");
    e.move_to("en_sesion");
    auto paused2 = e.as_mod("POST", "/assembly/transition", to("suspendida"));
    CHECK(body_of(paused2)["allowed_transitions"] == json::array({"en_sesion"}));
    CHECK(e.as_mod("POST", "/assembly/transition", to("registro")).status == 409);
    e.move_to("en_sesion");
    // A coordinator covering the clinic may act as its moderator.
    auto closed =
        c.request("POST", "/api/c/CSIMB000001/assembly/transition", to("cerrada"), bearer(e.coord));
    REQUIRE(closed.status == 200);
    CHECK(body_of(closed)["allowed_transitions"] == json::array());
    auto after = audit_events(e.s);
    CHECK(after == before + 8); // 7 transitions and the destruction of the ballot key
    auto reopen = e.as_mod("POST", "/assembly/transition", to("registro"));
    CHECK(reopen.status == 409);
    CHECK(body_of(reopen)["error"] == "bad_transition");
    CHECK(audit_events(e.s) == after);
    CHECK(count_rows(e.s, "SELECT count(*) FROM audit_events WHERE type = "
                          "'assembly.transition' AND clues = 'CSIMB000001'") == 7);
}

TEST_CASE("the moderator sets the quorum; attendance and quorum_met follow") {
    assembly_env e;
    add_more_staff(e.s);
    auto& c = e.c;
    auto set = e.as_mod("PATCH", "/assembly", R"({"quorum_min":1})");
    REQUIRE(set.status == 200);
    CHECK(body_of(set)["quorum_min"] == 1);
    CHECK(body_of(set)["quorum_met"] == false);
    auto before = audit_events(e.s);
    CHECK(e.as_mod("PATCH", "/assembly", R"({"quorum_min":-1})").status == 400);
    CHECK(e.as_mod("PATCH", "/assembly", R"({"quorum_min":"3"})").status == 400);
    CHECK(e.as_mod("PATCH", "/assembly", R"({})").status == 400);
    CHECK(c.request("PATCH", "/api/c/CSIMB000001/assembly", R"({"quorum_min":3})",
                    bearer(login(c, "mod2")))
              .status == 403);
    CHECK(audit_events(e.s) == before);

    e.move_to("registro");
    e.check_in("Ana Pérez", "A-001");
    auto a = body_of(c.request("GET", "/api/c/CSIMB000001/assembly"));
    CHECK(a["attendance"] == 1);
    CHECK(a["quorum_met"] == true);

    e.move_to("en_sesion");
    e.move_to("cerrada");
    auto late = e.as_mod("PATCH", "/assembly", R"({"quorum_min":5})");
    CHECK(late.status == 409);
    CHECK(body_of(late)["error"] == "wrong_state");
}

TEST_CASE("a coordinator schedules the national day for an institution or a state at once") {
    assembly_env e(false);
    add_more_staff(e.s);
    auto& c = e.c;
    const std::string path = "/api/national/schedule";
    auto before = audit_events(e.s);
    const std::string body =
        R"({"institucion":"imss-bienestar","edition":2026,"local_datetime":"2026-02-21T11:00","quorum_min":25})";
    CHECK(c.request("POST", path, body).status == 401);
    CHECK(c.request("POST", path, body, bearer(e.mod)).status == 403);
    auto bad_date =
        c.request("POST", path,
                  R"({"institucion":"ISSSTE","edition":2026,"local_datetime":"2026-02-30T11:00"})",
                  bearer(e.coord));
    CHECK(bad_date.status == 400);
    CHECK(body_of(bad_date)["field"] == "local_datetime");
    CHECK(c.request("POST", path, R"({"institucion":"ISSSTE","edition":2026})", bearer(e.coord))
              .status == 400);
    auto nobody =
        c.request("POST", path,
                  R"({"institucion":"PEMEX","edition":2026,"local_datetime":"2026-02-21T11:00"})",
                  bearer(e.coord));
    CHECK(nobody.status == 404);
    CHECK(audit_events(e.s) == before);

    auto first = c.request("POST", path, body, bearer(e.coord));
    REQUIRE(first.status == 200);
    auto r = body_of(first);
    CHECK(r["scheduled"] == 2);
    CHECK(r["created"] == 2);
    CHECK(r["updated"] == 0);
    CHECK(r["scheduled_at"] == "2026-02-21T17:00:00.000Z");
    for (const char* clues : {"CSIMB000001", "CSIMB000002"}) {
        auto a = body_of(c.request("GET", std::string("/api/c/") + clues + "/assembly"));
        CHECK(a["scheduled_at"] == "2026-02-21T17:00:00.000Z");
        CHECK(a["quorum_min"] == 25);
        CHECK(a["edition"] == 2026);
    }
    CHECK(c.request("GET", "/api/c/DFIST000003/assembly").status == 404);
    CHECK(audit_events(e.s) == before + 2);

    // One clinic already opened registration: it keeps its time, the other is moved.
    e.move_to("registro");
    auto again = c.request(
        "POST", path,
        R"({"institucion":"IMSS-BIENESTAR","entidad":"Chiapas","edition":2026,"local_datetime":"2026-02-22T09:30"})",
        bearer(e.coord));
    REQUIRE(again.status == 200);
    r = body_of(again);
    CHECK(r["scheduled"] == 1);
    CHECK(r["updated"] == 1);
    CHECK(r["skipped"] == 1);
    CHECK(body_of(c.request("GET", "/api/c/CSIMB000002/assembly"))["scheduled_at"] ==
          "2026-02-22T15:30:00.000Z");
    CHECK(body_of(c.request("GET", "/api/c/CSIMB000002/assembly"))["quorum_min"] == 25);
    CHECK(body_of(c.request("GET", "/api/c/CSIMB000001/assembly"))["scheduled_at"] ==
          "2026-02-21T17:00:00.000Z");

    // A state coordinator only schedules the clinics in its scope.
    auto state =
        c.request("POST", path,
                  R"({"institucion":"ISSSTE","edition":2026,"local_datetime":"2026-02-21T11:00"})",
                  bearer(login(c, "coordchis")));
    CHECK(state.status == 404);
    auto wrong_state = c.request(
        "POST", path,
        R"({"institucion":"ISSSTE","entidad":"Chiapas","edition":2026,"local_datetime":"2026-02-21T11:00"})",
        bearer(e.coord));
    CHECK(wrong_state.status == 404);
    auto cdmx = c.request(
        "POST", path,
        R"({"institucion":"ISSSTE","entidad":"Ciudad de México","edition":2026,"local_datetime":"2026-02-21T11:00"})",
        bearer(e.coord));
    REQUIRE(cdmx.status == 200);
    CHECK(body_of(cdmx)["created"] == 1);
    CHECK(body_of(c.request("GET", "/api/c/DFIST000003/assembly"))["quorum_min"] == 0);
}
