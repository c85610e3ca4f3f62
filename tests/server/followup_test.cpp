// The follow-up over the wire (issue 14): a work item from planeado to verificado through the
// real API, with uploaded files and a CFDI invoice, and every refusal a committee meets.
#include "followup_helpers.hpp"

#include <doctest/doctest.h>

namespace followup_test {

using nlohmann::json;

std::string code_of(const http_reply& r) {
    return body_of(r).value("error", std::string());
}

TEST_CASE("a work item goes from planeado to verificado with its proof, over the wire") {
    followup_env e;
    auto& tok = e.presidenta;

    auto board = body_of(e.as(tok, "GET", "/followup"));
    REQUIRE(board["works"].size() == 1);
    CHECK(board["edition"] == 2026);
    CHECK(board["viewer"]["can_write"] == true);
    CHECK(board["viewer"]["role"] == "presidencia");
    CHECK(board["works"][0]["state"] == "planeado");
    CHECK(board["works"][0]["moves"] == json::array({"cotizando", "detenido", "cancelado"}));
    CHECK(board["money"]["asignado_centavos"] == 5000000);

    auto moved = e.as(tok, "POST", e.work_path("/move"), {{"to", "cotizando"}});
    REQUIRE_MESSAGE(moved.status == 200, moved.body);
    CHECK(body_of(moved)["next"][0]["text"] == "Faltan 3 cotizaciones");

    // Three quotes, each with its file; the third supplier's RFC has a wrong check digit.
    std::vector<std::int64_t> quotes;
    const std::vector<std::pair<std::string, long long>> offers = {
        {"EKU9003173C9", 4800000}, {"AABF800614HI0", 4500000}, {"EKU9003173C8", 4900000}};
    for (const auto& [rfc, amount] : offers) {
        auto file = e.upload(tok, pdf_bytes("cotizacion " + rfc));
        auto q = e.as(tok, "POST", e.work_path("/quotes"),
                      {{"supplier", "Proveedor " + rfc},
                       {"rfc", rfc},
                       {"amount_centavos", amount},
                       {"date", "2026-03-01"},
                       {"file_sha256", file}});
        REQUIRE_MESSAGE(q.status == 201, q.body);
        quotes.push_back(body_of(q)["id"]);
        CHECK(body_of(q)["warnings"] ==
              (rfc == "EKU9003173C8" ? json::array({"rfc_digit"}) : json::array()));
    }
    auto again = e.as(tok, "POST", e.work_path("/quotes"),
                      {{"supplier", "Otra vez"},
                       {"rfc", "EKU9003173C9"},
                       {"amount_centavos", 100},
                       {"date", "2026-03-01"},
                       {"file_sha256", e.upload(tok, pdf_bytes("otra"))}});
    CHECK(again.status == 409);
    CHECK(code_of(again) == "supplier_already_quoted");

    // Not the cheapest: the reason is required, and public.
    auto no_reason = e.as(tok, "POST", e.work_path("/choose-quote"), {{"quote_id", quotes[0]}});
    CHECK(no_reason.status == 400);
    CHECK(code_of(no_reason) == "reason_required");
    auto early = e.as(tok, "POST", e.work_path("/move"), {{"to", "contratado"}});
    CHECK(early.status == 409);
    CHECK(code_of(early) == "quote_not_chosen");
    auto chosen = e.as(tok, "POST", e.work_path("/choose-quote"),
                       {{"quote_id", quotes[0]}, {"reason", "Entrega en 5 días, no en 60"}});
    REQUIRE_MESSAGE(chosen.status == 200, chosen.body);
    CHECK(body_of(chosen)["chosen_reason"] == "Entrega en 5 días, no en 60");
    CHECK(body_of(chosen)["quotes"][1]["cheapest"] == true);
    REQUIRE(e.as(tok, "POST", e.work_path("/move"), {{"to", "contratado"}}).status == 200);
    REQUIRE(e.as(tok, "POST", e.work_path("/move"), {{"to", "en_ejecucion"}}).status == 200);

    // Tesorería records the payment with its CFDI; nobody else may.
    auto xml = e.upload(e.tesorera, cfdi_xml("6F3E0C1A-1B2C-4D5E-8F90-A1B2C3D4E5F6", "48000.00"));
    auto pdf = e.upload(e.tesorera, pdf_bytes("factura"));
    json expense = {{"xml_sha256", xml}, {"pdf_sha256", pdf}};
    auto not_treasurer = e.as(tok, "POST", e.work_path("/expenses"), expense);
    CHECK(not_treasurer.status == 403);
    CHECK(code_of(not_treasurer) == "tesoreria_only");
    auto paid = e.as(e.tesorera, "POST", e.work_path("/expenses"), expense);
    REQUIRE_MESSAGE(paid.status == 201, paid.body);
    auto work = body_of(paid)["work"];
    CHECK(work["expenses"][0]["cfdi_uuid"] == "6F3E0C1A-1B2C-4D5E-8F90-A1B2C3D4E5F6");
    CHECK(work["expenses"][0]["amount_centavos"] == 4800000);
    CHECK(work["money"]["ejercido_centavos"] == 4800000);
    CHECK(work["money"]["comprobado_centavos"] == 4800000);
    auto twice = e.as(e.tesorera, "POST", e.work_path("/expenses"), expense);
    CHECK(twice.status == 409);
    CHECK(code_of(twice) == "cfdi_uuid_used");

    // Entregado needs the after photo and the entrega-recepción.
    auto no_photo = e.as(tok, "POST", e.work_path("/move"), {{"to", "entregado"}});
    CHECK(no_photo.status == 409);
    CHECK(code_of(no_photo) == "photo_after_missing");
    for (auto [kind, bytes] : {std::pair{"foto_antes", png_bytes("antes")},
                               std::pair{"foto_despues", png_bytes("despues")},
                               std::pair{"entrega_recepcion", pdf_bytes("acta de entrega")}}) {
        auto ev = e.as(tok, "POST", e.work_path("/evidence"),
                       {{"kind", kind},
                        {"file_sha256", e.upload(tok, bytes)},
                        {"taken_at", "2026-03-10T16:00:00.000Z"},
                        {"latitude", 16.9},
                        {"longitude", -92.1}});
        REQUIRE_MESSAGE(ev.status == 201, ev.body);
    }
    REQUIRE(e.as(tok, "POST", e.work_path("/move"), {{"to", "entregado"}}).status == 200);

    // Nobody closes a work alone: two members of different roles.
    auto first = e.as(tok, "POST", e.work_path("/confirm"));
    REQUIRE_MESSAGE(first.status == 200, first.body);
    CHECK(body_of(first)["state"] == "entregado");
    CHECK(body_of(first)["confirmed_roles"] == json::array({"presidencia"}));
    auto same = e.as(tok, "POST", e.work_path("/confirm"));
    CHECK(same.status == 409);
    CHECK(code_of(same) == "already_confirmed");
    auto second = e.as(e.tesorera, "POST", e.work_path("/confirm"));
    REQUIRE_MESSAGE(second.status == 200, second.body);
    work = body_of(second);
    CHECK(work["state"] == "verificado");
    CHECK(work["moves"].empty());
    CHECK(work["timeline"].size() == 5);
    CHECK(work["timeline"].back()["to"] == "verificado");
    // The timeline says who moved: the first moves by presidencia, the last by the second
    // confirmer.
    CHECK(work["timeline"][0]["role"] == "presidencia");
    CHECK(work["timeline"][0]["role_label"] == "Presidencia");
    CHECK(work["timeline"][0]["name"] == "presidenta");
    CHECK(work["timeline"].back()["role"] == "tesoreria");
    CHECK(work["timeline"].back()["name"] == "tesorera");
    CHECK(work["evidence"][0]["located"] == true);
    CHECK_FALSE(work["evidence"][0].contains("latitude")); // where, never on the wire

    board = body_of(e.as(e.mod, "GET", "/followup"));
    CHECK(board["viewer"]["can_write"] == false);
    CHECK(board["score"]["proven_percent"] == 100);
    CHECK(board["score"]["photos_percent"] == 100);
    CHECK(board["money"]["ejercido_centavos"] == 4800000);
    CHECK(count_rows(e.s, "SELECT count(*) FROM audit_events WHERE type = 'work.moved'") == 5);
}

TEST_CASE("follow-up refusals: who may read and write, files, money") {
    followup_env e;
    add_more_staff(e.s);
    auto& tok = e.presidenta;

    // Reading: the clinic's staff only.
    CHECK(e.c.request("GET", std::string(e.base) + "/followup").status == 401);
    CHECK(e.as(login(e.c, "mod2"), "GET", "/followup").status == 403);
    CHECK(e.as(e.mod, "GET", e.work_path()).status == 200);
    // Writing: a current member of the COSABI, not the moderator, not last year's member.
    auto mod_move = e.as(e.mod, "POST", e.work_path("/move"), {{"to", "cotizando"}});
    CHECK(mod_move.status == 403);
    CHECK(code_of(mod_move) == "wrong_role");
    auto former = e.as(e.anterior, "POST", e.work_path("/move"), {{"to", "cotizando"}});
    CHECK(former.status == 403);
    CHECK(code_of(former) == "not_current_member");
    // The new term's election ends last year's member's access: no reading either (the board,
    // a work item with its notes, a file).
    auto former_board = e.as(e.anterior, "GET", "/followup");
    CHECK(former_board.status == 403);
    CHECK(code_of(former_board) == "not_current_member");
    CHECK(e.as(e.anterior, "GET", e.work_path()).status == 403);
    // The coordinator's one write needs a reason; a committee member cannot add work items.
    auto by_member = e.as(tok, "POST", "/works",
                          {{"edition", 2026},
                           {"title", "Otra"},
                           {"category", "obra"},
                           {"approved_centavos", 100},
                           {"reason", "x"}});
    CHECK(by_member.status == 403);
    auto no_reason = e.as(e.coord, "POST", "/works",
                          {{"edition", 2026},
                           {"title", "Otra"},
                           {"category", "obra"},
                           {"approved_centavos", 100},
                           {"reason", " "}});
    CHECK(no_reason.status == 400);
    auto too_much = e.as(e.coord, "POST", "/works",
                         {{"edition", 2026},
                          {"title", "Hospital nuevo"},
                          {"category", "obra"},
                          {"approved_centavos", 900000000000LL},
                          {"reason", "Propuesta de la jurisdicción"}});
    CHECK(too_much.status == 409);
    CHECK(code_of(too_much) == "over_balance");
    // Another clinic's work is not found here.
    CHECK(e.c.request("GET", "/api/c/CSIMB000002/works/" + std::to_string(e.work_id), "",
                      bearer(e.coord))
              .status == 404);

    // A move without its proof; a bad state name.
    auto skip = e.as(tok, "POST", e.work_path("/move"), {{"to", "contratado"}});
    CHECK(skip.status == 409);
    CHECK(code_of(skip) == "work_move_not_allowed");
    CHECK(e.as(tok, "POST", e.work_path("/move"), {{"to", "listo"}}).status == 400);
    auto stop = e.as(tok, "POST", e.work_path("/move"), {{"to", "detenido"}});
    CHECK(stop.status == 400);
    CHECK(code_of(stop) == "reason_required");

    // Files: unknown, forged (a PDF as a photo).
    REQUIRE(e.as(tok, "POST", e.work_path("/move"), {{"to", "cotizando"}}).status == 200);
    auto unknown = e.as(tok, "POST", e.work_path("/evidence"),
                        {{"kind", "foto_antes"}, {"file_sha256", std::string(64, 'a')}});
    CHECK(unknown.status == 404);
    CHECK(code_of(unknown) == "file_not_found");
    auto forged = e.as(tok, "POST", e.work_path("/evidence"),
                       {{"kind", "foto_antes"}, {"file_sha256", e.upload(tok, pdf_bytes("x"))}});
    CHECK(forged.status == 400);
    CHECK(code_of(forged) == "file_kind_not_allowed");

    // Money: a contract of 48,000 on a budget of the clinic's; more than contracted is refused.
    for (auto [rfc, amount] : {std::pair{"EKU9003173C9", 4800000},
                               {"AABF800614HI0", 4900000},
                               {"XAXX010101000", 5000000}}) {
        auto q = e.as(tok, "POST", e.work_path("/quotes"),
                      {{"supplier", std::string("P ") + rfc},
                       {"rfc", rfc},
                       {"amount_centavos", amount},
                       {"date", "2026-03-01"},
                       {"file_sha256", e.upload(tok, pdf_bytes(rfc))}});
        REQUIRE_MESSAGE(q.status == 201, q.body);
    }
    auto detail = body_of(e.as(tok, "GET", e.work_path()));
    REQUIRE(
        e.as(tok, "POST", e.work_path("/choose-quote"), {{"quote_id", detail["quotes"][0]["id"]}})
            .status == 200);
    REQUIRE(e.as(tok, "POST", e.work_path("/move"), {{"to", "contratado"}}).status == 200);
    auto pdf = e.upload(e.tesorera, pdf_bytes("factura"));
    auto over = e.as(e.tesorera, "POST", e.work_path("/expenses"),
                     {{"xml_sha256", e.upload(e.tesorera, cfdi_xml("11111111-2222-4333-8444-"
                                                                   "555555555555",
                                                                   "48000.01"))},
                      {"pdf_sha256", pdf}});
    CHECK(over.status == 409);
    CHECK(code_of(over) == "over_contract");
    auto doctype =
        e.as(e.tesorera, "POST", e.work_path("/expenses"),
             {{"xml_sha256", e.upload(e.tesorera, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a "
                                                  "\"b\">]><x>&a;</x>")},
              {"pdf_sha256", pdf}});
    CHECK(doctype.status == 400);
    CHECK(code_of(doctype) == "cfdi_doctype");
    // Nothing was written by the refusals.
    CHECK(count_rows(e.s, "SELECT count(*) FROM expenses") == 0);
    CHECK(count_rows(e.s, "SELECT count(*) FROM evidence") == 0);
}

TEST_CASE("the national coordinator sets an edition's deadline; the board counts down to it") {
    followup_env e;
    add_more_staff(e.s);
    auto set = e.c.request("PUT", "/api/national/deadlines/2026", R"({"deadline":"2026-11-30"})",
                           bearer(e.coord));
    REQUIRE_MESSAGE(set.status == 200, set.body);
    auto board = body_of(e.as(e.presidenta, "GET", "/followup"));
    CHECK(board["deadline"] == "2026-11-30");
    CHECK(board["deadline_status"]["level"].is_string());
    // A coordinator of some clinics is not national; a bad date is refused.
    CHECK(e.c.request("PUT", "/api/national/deadlines/2026", R"({"deadline":"2026-12-01"})",
                      bearer(login(e.c, "coordchis")))
              .status == 403);
    CHECK(e.c.request("PUT", "/api/national/deadlines/2026", R"({"deadline":"2026-13-01"})",
                      bearer(e.coord))
              .status == 400);
}

TEST_CASE("nothing is deleted: quotes, evidence and expenses are voided with a reason") {
    followup_env e;
    auto& tok = e.presidenta;
    REQUIRE(e.as(tok, "POST", e.work_path("/move"), {{"to", "cotizando"}}).status == 200);
    std::vector<std::int64_t> quotes;
    for (auto [rfc, amount] : {std::pair{"EKU9003173C9", 4800000},
                               {"AABF800614HI0", 4900000},
                               {"XAXX010101000", 5000000}}) {
        auto q = e.as(tok, "POST", e.work_path("/quotes"),
                      {{"supplier", std::string("P ") + rfc},
                       {"rfc", rfc},
                       {"amount_centavos", amount},
                       {"date", "2026-03-01"},
                       {"file_sha256", e.upload(tok, pdf_bytes(rfc))}});
        REQUIRE(q.status == 201);
        quotes.push_back(body_of(q)["id"]);
    }
    auto photo = e.as(tok, "POST", e.work_path("/evidence"),
                      {{"kind", "foto_antes"}, {"file_sha256", e.upload(tok, png_bytes("a"))}});
    REQUIRE(photo.status == 201);

    // A void needs its reason; the row stays, marked, and the count drops.
    auto q2 = "/quotes/" + std::to_string(quotes[2]) + "/void";
    CHECK(e.as(tok, "POST", q2, {{"reason", ""}}).status == 400);
    auto voided = e.as(tok, "POST", q2, {{"reason", "El proveedor retiró su oferta"}});
    REQUIRE_MESSAGE(voided.status == 200, voided.body);
    auto work = body_of(voided);
    CHECK(work["quotes"].size() == 3);
    CHECK(work["quotes"][2]["void_reason"] == "El proveedor retiró su oferta");
    CHECK(work["counts"]["quotes"] == 2);
    CHECK(code_of(e.as(tok, "POST", q2, {{"reason", "otra vez"}})) == "already_voided");
    auto ev = "/evidence/" + std::to_string(body_of(photo)["id"].get<std::int64_t>()) + "/void";
    auto gone = e.as(tok, "POST", ev, {{"reason", "Foto de otra obra"}});
    REQUIRE_MESSAGE(gone.status == 200, gone.body);
    CHECK(body_of(gone)["counts"]["photos_before"] == 0);

    // An expense voided by tesorería frees its folio fiscal for the right work.
    REQUIRE(e.as(tok, "POST", e.work_path("/choose-quote"), {{"quote_id", quotes[0]}}).status ==
            200);
    // Two live quotes are not three: the written exception stands in for the third.
    auto short_of = e.as(tok, "POST", e.work_path("/move"), {{"to", "contratado"}});
    CHECK(code_of(short_of) == "quotes_missing");
    REQUIRE(e.as(tok, "POST", e.work_path("/quote-exception"),
                 {{"text", "Solo dos proveedores surten en el municipio"}})
                .status == 200);
    REQUIRE(e.as(tok, "POST", e.work_path("/move"), {{"to", "contratado"}}).status == 200);
    json expense = {
        {"xml_sha256",
         e.upload(e.tesorera, cfdi_xml("AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE", "1000.00"))},
        {"pdf_sha256", e.upload(e.tesorera, pdf_bytes("f"))}};
    auto paid = e.as(e.tesorera, "POST", e.work_path("/expenses"), expense);
    REQUIRE(paid.status == 201);
    auto void_path =
        "/expenses/" + std::to_string(body_of(paid)["id"].get<std::int64_t>()) + "/void";
    CHECK(code_of(e.as(tok, "POST", void_path, {{"reason", "x"}})) == "tesoreria_only");
    auto unpaid =
        e.as(e.tesorera, "POST", void_path, {{"reason", "Se capturó en la obra equivocada"}});
    REQUIRE_MESSAGE(unpaid.status == 200, unpaid.body);
    CHECK(body_of(unpaid)["money"]["ejercido_centavos"] == 0);
    CHECK(e.as(e.tesorera, "POST", e.work_path("/expenses"), expense).status == 201);
    CHECK(count_rows(e.s, "SELECT count(*) FROM expenses") == 2);
    CHECK(count_rows(e.s, "SELECT count(*) FROM quotes") == 3);
}

} // namespace followup_test
