// The public follow-up (no login): GET /api/public/c/{clues}/followup and the documents it
// names, against the real server on port 0. Nothing private leaks: not where a photo was taken,
// not the notes, not the proof of payment, not who the attendees are.
#include "followup_helpers.hpp"

#include <doctest/doctest.h>

using nlohmann::json;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace public_followup_test {

namespace {

constexpr const char* public_base = "/api/public/c/CSIMB000001";

std::string path_of(const json& url) {
    return url.get<std::string>();
}

} // namespace

TEST_CASE("the public sees the works, their quotes, invoices, photos and documents, and no more") {
    followup_env e;
    auto& tok = e.presidenta;
    // An attendee of the assembly: the public page must never name one.
    e.move_to("registro");
    e.check_in("Josefina Pérez Gómez", "PEGJ800101MCSRMS09");

    REQUIRE(e.as(tok, "POST", e.work_path("/move"), {{"to", "cotizando"}}).status == 200);
    std::vector<std::string> quote_files;
    for (auto [rfc, amount] :
         {std::pair{"EKU9003173C9", 4800000}, std::pair{"AABF800614HI0", 4500000},
          std::pair{"CSU100315AB6", 4900000}}) {
        quote_files.push_back(e.upload(tok, pdf_bytes(std::string("cotizacion ") + rfc)));
        auto q = e.as(tok, "POST", e.work_path("/quotes"),
                      {{"supplier", std::string("Proveedor ") + rfc},
                       {"rfc", rfc},
                       {"amount_centavos", amount},
                       {"date", "2026-03-01"},
                       {"file_sha256", quote_files.back()}});
        REQUIRE_MESSAGE(q.status == 201, q.body);
    }
    auto detail = body_of(e.as(tok, "GET", e.work_path()));
    auto cheapest = detail["quotes"][1]["id"];
    auto voided = detail["quotes"][2]["id"];
    REQUIRE(e.as(tok, "POST", "/quotes/" + std::to_string(voided.get<long long>()) + "/void",
                 {{"reason", "Retiró su oferta"}})
                .status == 200);
    REQUIRE(e.as(tok, "POST", e.work_path("/quote-exception"),
                 {{"text", "Solo hay dos proveedores en la región"}})
                .status == 200);
    REQUIRE(e.as(tok, "POST", e.work_path("/choose-quote"), {{"quote_id", cheapest}}).status ==
            200);
    REQUIRE(e.as(tok, "POST", e.work_path("/move"), {{"to", "contratado"}}).status == 200);
    REQUIRE(e.as(tok, "POST", e.work_path("/move"), {{"to", "en_ejecucion"}}).status == 200);

    auto xml = e.upload(e.tesorera, cfdi_xml("6F3E0C1A-1B2C-4D5E-8F90-A1B2C3D4E5F6", "45000.00"));
    auto pdf = e.upload(e.tesorera, pdf_bytes("factura"));
    auto payment = e.upload(e.tesorera, pdf_bytes("comprobante de pago, cuenta 0123456789"));
    REQUIRE(e.as(e.tesorera, "POST", e.work_path("/expenses"),
                 {{"xml_sha256", xml}, {"pdf_sha256", pdf}, {"payment_sha256", payment}})
                .status == 201);
    auto photo = e.upload(tok, png_bytes("durante"));
    auto contract = e.upload(tok, pdf_bytes("contrato firmado"));
    REQUIRE(e.as(tok, "POST", e.work_path("/evidence"),
                 {{"kind", "foto_durante"},
                  {"file_sha256", photo},
                  {"taken_at", "2026-03-10T16:00:00.000Z"},
                  {"latitude", 16.91234},
                  {"longitude", -92.15678},
                  {"note", "Frente a la casa de Josefina"}})
                .status == 201);
    REQUIRE(e.as(tok, "POST", e.work_path("/evidence"),
                 {{"kind", "contrato"}, {"file_sha256", contract}})
                .status == 201);
    REQUIRE(
        e.as(tok, "POST", e.work_path("/notes"), {{"text", "Nota interna del comité"}}).status ==
        201);

    auto reply = e.c.request("GET", std::string(public_base) + "/followup?edition=2026");
    REQUIRE_MESSAGE(reply.status == 200, reply.body);
    auto board = body_of(reply);
    CHECK(board["edition"] == 2026);
    CHECK(board["money"]["ejercido_centavos"] == 4500000);
    CHECK_FALSE(board.contains("viewer"));
    REQUIRE(board["works"].size() == 1);
    auto work = board["works"][0];
    CHECK(work["title"] == "Ultrasonido portátil");
    CHECK(work["state"] == "en_ejecucion");
    CHECK(work["quote_exception"] == "Solo hay dos proveedores en la región");
    REQUIRE(work["quotes"].size() == 3);
    CHECK(work["chosen_quote_id"] == cheapest);
    CHECK(work["quotes"][2]["void_reason"] == "Retiró su oferta");
    CHECK(work["quotes"][2]["file_url"].is_null());
    REQUIRE(work["expenses"].size() == 1);
    CHECK(work["expenses"][0]["cfdi_uuid"] == "6F3E0C1A-1B2C-4D5E-8F90-A1B2C3D4E5F6");
    CHECK(work["expenses"][0]["emisor_rfc"] == "EKU9003173C9");
    CHECK_FALSE(work["expenses"][0].contains("payment_sha256"));
    REQUIRE(work["photos"].size() == 1);
    CHECK(work["photos"][0]["kind"] == "foto_durante");
    CHECK(work["photos"][0]["url"] == std::string(public_base) + "/photos/" + photo);
    REQUIRE(work["documents"].size() == 1);
    CHECK(work["documents"][0]["kind"] == "contrato");
    CHECK(work["timeline"].back()["role"] == "presidencia");

    // Nothing private anywhere in the answer.
    for (const auto& secret : std::vector<std::string>{
             "Josefina", "PEGJ800101MCSRMS09", "16.91234", "-92.15678", "Frente a la casa",
             "Nota interna", payment, "located", "member_id", "latitude", "user_id"})
        CHECK_MESSAGE(reply.body.find(secret) == std::string::npos, secret);

    // The documents it names are downloadable by anyone; nothing else is.
    auto quote_file = e.c.request("GET", path_of(work["quotes"][0]["file_url"]));
    CHECK(quote_file.status == 200);
    CHECK(quote_file.body == pdf_bytes("cotizacion EKU9003173C9"));
    auto invoice = e.c.request("GET", path_of(work["expenses"][0]["xml_url"]));
    CHECK(invoice.status == 200);
    CHECK(invoice.header("Content-Disposition").find("attachment") == 0); // XML: a download
    CHECK(e.c.request("GET", path_of(work["expenses"][0]["pdf_url"])).status == 200);
    CHECK(e.c.request("GET", path_of(work["documents"][0]["url"])).status == 200);
    for (const auto& hidden : {payment, photo, quote_files[2], std::string(64, 'a')}) {
        auto r = e.c.request("GET", std::string(public_base) + "/files/" + hidden);
        CHECK_MESSAGE(r.status == 404, hidden);
        CHECK(body_of(r)["error"] == "file_not_found");
    }
    // Another clinic's page does not serve this clinic's documents.
    CHECK(e.c.request("GET", "/api/public/c/CSIMB000002/files/" + quote_files[0]).status == 404);
    CHECK(e.c.request("GET", "/api/public/c/NOEXISTE0000/followup").status == 404);
    CHECK(e.c.request("GET", std::string(public_base) + "/followup?edition=19").status == 400);
}

} // namespace public_followup_test
