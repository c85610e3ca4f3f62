#include "assembly_helpers.hpp"

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace proposals_test {

namespace {

json proposal(const std::string& title, long long cost, const std::string& category = "obra") {
    return {{"title", title},
            {"description", "Descripción breve."},
            {"category", category},
            {"cost_centavos", cost},
            {"source", "diagnostico"}};
}

} // namespace

TEST_CASE("the moderator adds proposals within the clinic's budget; refusals change nothing") {
    assembly_env e;
    add_more_staff(e.s);
    auto& c = e.c;
    auto before = audit_events(e.s);
    auto r = e.as_mod("POST", "/proposals", proposal("  Rampa de acceso ", 12'000'000).dump());
    REQUIRE(r.status == 201);
    auto p = body_of(r);
    CHECK(p["title"] == "Rampa de acceso");
    CHECK(p["description"] == "Descripción breve.");
    CHECK(p["category"] == "obra");
    CHECK(p["cost_centavos"] == 12'000'000);
    CHECK(p["source"] == "diagnostico");
    CHECK(p["status"] == "pendiente");
    CHECK(p["reject_reason"].is_null());
    CHECK(p["merged_into"].is_null());
    CHECK(audit_events(e.s) == before + 1);
    // Without description or source: the floor of the assembly is the default source.
    auto minimal = e.as_mod("POST", "/proposals",
                            R"({"title":"Bancas","category":"mobiliario","cost_centavos":100})");
    REQUIRE(minimal.status == 201);
    CHECK(body_of(minimal)["source"] == "asamblea");
    CHECK(body_of(minimal)["description"] == "");

    before = audit_events(e.s);
    auto over = e.as_mod("POST", "/proposals", proposal("Elevador", 40'000'001).dump());
    CHECK(over.status == 400);
    CHECK(body_of(over)["error"] == "cost_over_budget");
    CHECK(body_of(over)["field"] == "cost_centavos");
    CHECK(e.as_mod("POST", "/proposals", proposal("Gratis", 0).dump()).status == 400);
    CHECK(e.as_mod("POST", "/proposals", proposal("Negativo", -100).dump()).status == 400);
    CHECK(e.as_mod("POST", "/proposals", proposal("Jardín", 100, "jardineria").dump()).status ==
          400);
    auto short_title = e.as_mod("POST", "/proposals", proposal("ab", 100).dump());
    CHECK(short_title.status == 400);
    CHECK(body_of(short_title)["field"] == "title");
    auto fractional = proposal("Medio", 100);
    fractional["cost_centavos"] = 10.5;
    CHECK(e.as_mod("POST", "/proposals", fractional.dump()).status == 400);
    CHECK(e.as_mod("POST", "/proposals", R"({"title":"Sin costo","category":"obra"})").status ==
          400);
    const auto body = proposal("Techo", 100).dump();
    CHECK(c.request("POST", "/api/c/CSIMB000001/proposals", body).status == 401);
    CHECK(c.request("POST", "/api/c/CSIMB000001/proposals", body, bearer(login(c, "cosabi")))
              .status == 403);
    CHECK(
        c.request("POST", "/api/c/CSIMB000001/proposals", body, bearer(login(c, "mod2"))).status ==
        403);
    CHECK(audit_events(e.s) == before);
    CHECK(count_rows(e.s, "SELECT count(*) FROM proposals") == 2);

    // The budget is the clinic's: CSIMB000002 has $800,000.
    auto other =
        c.request("POST", "/api/c/CSIMB000002/assembly",
                  R"({"edition":2026,"scheduled_at":"2026-02-21T17:00Z"})", bearer(e.coord));
    REQUIRE(other.status == 201);
    CHECK(c.request("POST", "/api/c/CSIMB000002/proposals", proposal("Elevador", 50'000'000).dump(),
                    bearer(login(c, "mod2")))
              .status == 201);

    e.move_to("registro");
    e.move_to("en_sesion");
    e.move_to("cerrada");
    auto late = e.as_mod("POST", "/proposals", proposal("Tarde", 100).dump());
    CHECK(late.status == 409);
    CHECK(body_of(late)["error"] == "wrong_state");
}

TEST_CASE("accept, reject with a reason and merge duplicates; the public sees only accepted") {
    assembly_env e;
    add_more_staff(e.s);
    auto& c = e.c;
    auto add = [&](const std::string& title) -> std::string {
        auto r = e.as_mod("POST", "/proposals", proposal(title, 1'000'000).dump());
        REQUIRE(r.status == 201);
        return std::to_string(body_of(r)["id"].get<long long>());
    };
    auto rampa = add("Rampa de acceso");
    auto rampa2 = add("Rampa para sillas");
    auto techo = add("Techo");
    auto bancas = add("Bancas");

    auto public_list = [&] { return body_of(c.request("GET", "/api/c/CSIMB000001/proposals")); };
    CHECK(public_list()["items"].empty());

    auto acc = e.as_mod("POST", "/proposals/" + rampa + "/accept");
    REQUIRE(acc.status == 200);
    CHECK(body_of(acc)["status"] == "aceptada");
    auto before = audit_events(e.s);
    auto twice = e.as_mod("POST", "/proposals/" + rampa + "/accept");
    CHECK(twice.status == 409);
    CHECK(body_of(twice)["error"] == "wrong_status");

    auto no_reason = e.as_mod("POST", "/proposals/" + techo + "/reject", R"({"reason":"  "})");
    CHECK(no_reason.status == 400);
    CHECK(body_of(no_reason)["field"] == "reason");
    CHECK(e.as_mod("POST", "/proposals/" + techo + "/reject", "{}").status == 400);
    auto itself = e.as_mod("POST", "/proposals/" + rampa + "/merge",
                           json{{"into", std::stoll(rampa)}}.dump());
    CHECK(itself.status == 400);
    CHECK(body_of(itself)["error"] == "merge_into_itself");
    auto into_pending = e.as_mod("POST", "/proposals/" + rampa2 + "/merge",
                                 json{{"into", std::stoll(techo)}}.dump());
    CHECK(into_pending.status == 409);
    CHECK(body_of(into_pending)["error"] == "merge_target_not_accepted");
    auto into_unknown = e.as_mod("POST", "/proposals/" + rampa2 + "/merge", R"({"into":9999})");
    CHECK(into_unknown.status == 404);
    CHECK(body_of(into_unknown)["field"] == "into");
    CHECK(e.as_mod("POST", "/proposals/" + rampa2 + "/merge", R"({"into":"1"})").status == 400);
    CHECK(e.as_mod("POST", "/proposals/9999/accept").status == 404);
    CHECK(e.as_mod("POST", "/proposals/x/accept").status == 404);
    CHECK(c.request("POST", "/api/c/CSIMB000001/proposals/" + techo + "/accept").status == 401);
    CHECK(c.request("POST", "/api/c/CSIMB000001/proposals/" + techo + "/accept", {},
                    bearer(login(c, "mod2")))
              .status == 403);
    CHECK(audit_events(e.s) == before);

    auto rej = e.as_mod("POST", "/proposals/" + techo + "/reject",
                        R"({"reason":"Ya lo cubre el programa estatal."})");
    REQUIRE(rej.status == 200);
    CHECK(body_of(rej)["status"] == "rechazada");
    CHECK(body_of(rej)["reject_reason"] == "Ya lo cubre el programa estatal.");
    auto merged = e.as_mod("POST", "/proposals/" + rampa2 + "/merge",
                           json{{"into", std::stoll(rampa)}}.dump());
    REQUIRE(merged.status == 200);
    CHECK(body_of(merged)["status"] == "fusionada");
    CHECK(body_of(merged)["merged_into"] == std::stoll(rampa));
    CHECK(e.as_mod("POST", "/proposals/" + rampa2 + "/accept").status == 409);
    CHECK(
        e.as_mod("POST", "/proposals/" + techo + "/merge", json{{"into", std::stoll(rampa)}}.dump())
            .status == 409); // a rejected one is not merged
    // A rejection can be undone by accepting.
    auto undo = e.as_mod("POST", "/proposals/" + techo + "/accept");
    REQUIRE(undo.status == 200);
    CHECK(body_of(undo)["reject_reason"].is_null());
    CHECK(audit_events(e.s) == before + 3);

    auto pub = public_list()["items"];
    REQUIRE(pub.size() == 2);
    CHECK(pub[0]["title"] == "Rampa de acceso");
    CHECK(pub[1]["title"] == "Techo");
    CHECK(c.request("GET", "/api/c/CSIMB000001/proposals?all=1").status == 401);
    CHECK(c.request("GET", "/api/c/CSIMB000001/proposals?all=1", {}, bearer(login(c, "mod2")))
              .status == 403);
    auto all = body_of(e.as_mod("GET", "/proposals?all=1"))["items"];
    REQUIRE(all.size() == 4);
    CHECK(all[3]["title"] == "Bancas");
    CHECK(all[3]["status"] == "pendiente");
    CHECK(c.request("GET", "/api/c/CSIMB000002/proposals").status == 404); // no assembly yet
    CHECK(count_rows(e.s, "SELECT count(*) FROM proposals") == 4);         // nothing deleted
}

TEST_CASE("the proposals CSV imports all or nothing and reports every bad line") {
    assembly_env e;
    add_more_staff(e.s);
    auto& c = e.c;
    auto before = audit_events(e.s);
    auto count = [&] { return count_rows(e.s, "SELECT count(*) FROM proposals"); };
    auto bad = e.as_mod("POST", "/proposals/import",
                        "titulo,descripcion,categoria,costo,origen\n"
                        "Rampa,Entrada principal,obra,120000,diagnostico\n"
                        "Jardín,,jardineria,1000,diagnostico\n"
                        "Elevador,,obra,\"$650,000.00\",diagnostico\n"
                        "Bancas,,mobiliario,30000,vecinos\n");
    REQUIRE(bad.status == 400);
    auto b = body_of(bad);
    CHECK(b["error"] == "bad_csv");
    CHECK_FALSE(b["message"].get<std::string>().empty());
    REQUIRE(b["lines"].size() == 3);
    CHECK(b["lines"][0]["line"] == 3);
    CHECK(b["lines"][1]["line"] == 4);
    CHECK(b["lines"][1]["reason"].get<std::string>().find("presupuesto") != std::string::npos);
    CHECK(b["lines"][2]["line"] == 5);
    CHECK(count() == 0);
    CHECK(audit_events(e.s) == before);
    CHECK(e.as_mod("POST", "/proposals/import", "").status == 400);
    CHECK(e.as_mod("POST", "/proposals/import", "nombre,precio\nx,1\n").status == 400);
    CHECK(c.request("POST", "/api/c/CSIMB000001/proposals/import",
                    "titulo,categoria,costo\nA,obra,1\n")
              .status == 401);
    CHECK(c.request("POST", "/api/c/CSIMB000001/proposals/import",
                    "titulo,categoria,costo\nAbc,obra,1\n", bearer(login(c, "mod2")))
              .status == 403);
    CHECK(count() == 0);

    auto ok = e.as_mod("POST", "/proposals/import",
                       "\xEF\xBB\xBFTítulo,Descripción,Categoría,Costo,Origen\r\n"
                       "Rampa,\"Entrada, con barandal\",Obra,\"$120,000.00\",diagnóstico\r\n"
                       "Bancas,,mobiliario,30000,\r\n"
                       "Micrófono,,equipamiento,2500.50,asamblea\r\n");
    REQUIRE(ok.status == 200);
    CHECK(body_of(ok)["imported"] == 3);
    auto all = body_of(e.as_mod("GET", "/proposals?all=1"))["items"];
    REQUIRE(all.size() == 3);
    CHECK(all[0]["description"] == "Entrada, con barandal");
    CHECK(all[0]["cost_centavos"] == 12'000'000);
    CHECK(all[0]["status"] == "pendiente");
    CHECK(all[1]["source"] == "diagnostico");
    CHECK(all[2]["cost_centavos"] == 250'050);
    CHECK(all[2]["source"] == "asamblea");
    CHECK(audit_events(e.s) == before + 3);
}

} // namespace proposals_test
