// The CFDI reader against the SAT-test-stamped sample in ../shared/cfdi, read in place, and against
// variants of it built here: other values, a missing or doubled Timbre, XML bombs and external
// entities, truncation, the 3.3 namespace, renamed prefixes, another encoding, and the size cap.
#include "documents/cfdi_reader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

using namespace asamblea;
using namespace asamblea::documents;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace cfdi_reader_test {

namespace {

const std::filesystem::path sample_path =
    std::filesystem::path(ASAMBLEA_SHARED_DIR) / "cfdi" / "cfdi40-sample.xml";

// The sample's text, or nothing (and a skip message) when shared/ is absent.
std::optional<std::string> sample() {
    if (!std::filesystem::exists(sample_path)) {
        MESSAGE("skipped: " << sample_path.string() << " is absent");
        return std::nullopt;
    }
    std::ifstream in(sample_path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every `from` replaced by `to`; requires at least one, so a variant never silently equals the
// sample.
std::string replaced(std::string s, std::string_view from, std::string_view to) {
    std::size_t n = 0;
    for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
        s.replace(pos, from.size(), to);
        ++n;
    }
    REQUIRE_MESSAGE(n > 0, "the sample has no " << from);
    return s;
}

// The sample's <tfd:TimbreFiscalDigital .../> element, whole.
std::string timbre_of(const std::string& xml) {
    const auto begin = xml.find("<tfd:TimbreFiscalDigital");
    REQUIRE(begin != std::string::npos);
    const auto end = xml.find("/>", begin);
    REQUIRE(end != std::string::npos);
    return xml.substr(begin, end + 2 - begin);
}

// The refusal's code, checking the parts every refusal shares; "(accepted)" when there is none.
// It never throws, so a failing check reports as such; callers that go on to read r.error()
// REQUIRE the code first.
std::string refused(const domain::result<cfdi_fields>& r,
                    domain::error_kind kind = domain::error_kind::invalid) {
    if (r.has_value()) {
        FAIL_CHECK("the reader accepted it (UUID \"" << r->uuid << "\")");
        return "(accepted)";
    }
    CHECK(r.error().kind == kind);
    CHECK(r.error().field == "cfdi");
    CHECK_FALSE(r.error().message.empty());
    return r.error().code;
}

constexpr std::string_view xml_decl = R"(<?xml version="1.0" encoding="utf-8"?>)";

// The sample with `prelude` right after its XML declaration.
std::string with_prelude(const std::string& xml, std::string_view prelude) {
    REQUIRE(xml.starts_with(xml_decl));
    return std::string(xml_decl) + "\n" + std::string(prelude) + xml.substr(xml_decl.size());
}

} // namespace

TEST_CASE("the shared sample gives every field the expense needs") {
    const auto xml = sample();
    if (!xml)
        return;
    const auto r = read_cfdi(*xml);
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().code + ": " + r.error().message));
    CHECK(r->version == "4.0");
    CHECK(r->fecha == "2022-06-24T15:37:17");
    CHECK(r->subtotal == "2000.00");
    CHECK(r->total == "2320.00");
    CHECK(r->moneda == "MXN");
    CHECK(r->tipo_comprobante == "I");
    CHECK(r->emisor_rfc == "EKU9003173C9");
    CHECK(r->emisor_nombre == "ESCUELA KEMPER URGATE");
    CHECK(r->receptor_rfc == "AABF800614HI0");
    CHECK(r->receptor_nombre == "FELIX MANUEL ANDRADE BALLADO");
    CHECK(r->uso_cfdi == "S01");
    CHECK(r->uuid == "66933DFF-5507-5460-9EF0-9D0BB068A54A");
    CHECK(r->fecha_timbrado == "2022-06-24T15:37:19");
    CHECK(r->rfc_prov_certif == "CVD110412TF6");
    CHECK(r->sello_cfd_tail == "yl2MKg==");
    REQUIRE(r->conceptos.size() == 1);
    const auto& c = r->conceptos[0];
    CHECK(c.clave_prod_serv == "01010101");
    CHECK(c.cantidad == "2.000000");
    CHECK(c.descripcion == "Base para pantalla retractil");
    CHECK(c.valor_unitario == "1000.0000");
    CHECK(c.importe == "2000.00");
}

TEST_CASE("values come from the document, not from anything fixed") {
    const auto xml = sample();
    if (!xml)
        return;
    auto v = replaced(*xml, "66933DFF-5507-5460-9EF0-9D0BB068A54A",
                      "0F2B4C1E-9A7D-4E3B-8C21-5D6E7F8091A2");
    v = replaced(v, R"(Total="2320.00")", R"(Total="116.00")");
    v = replaced(v, R"(Rfc="EKU9003173C9")", R"(Rfc="XAXX010101000")");
    // A second concept, so the list is read in order and not just its first entry.
    const auto second = R"(<cfdi:Concepto ClaveProdServ="42131600" Cantidad="1" )"
                        R"(Descripcion="Guantes de nitrilo" ValorUnitario="100.00" )"
                        R"(Importe="100.00" ObjetoImp="02"/>)";
    v = replaced(v, "</cfdi:Conceptos>", std::string(second) + "</cfdi:Conceptos>");
    const auto r = read_cfdi(v);
    REQUIRE(r.has_value());
    CHECK(r->uuid == "0F2B4C1E-9A7D-4E3B-8C21-5D6E7F8091A2");
    CHECK(r->total == "116.00");
    CHECK(r->emisor_rfc == "XAXX010101000");
    CHECK(r->receptor_rfc == "AABF800614HI0"); // the Receptor's Rfc is its own
    REQUIRE(r->conceptos.size() == 2);
    CHECK(r->conceptos[0].clave_prod_serv == "01010101");
    CHECK(r->conceptos[1].clave_prod_serv == "42131600");
    CHECK(r->conceptos[1].descripcion == "Guantes de nitrilo");
}

TEST_CASE("an invoice without its Timbre Fiscal Digital is refused") {
    const auto xml = sample();
    if (!xml)
        return;
    const auto timbre = timbre_of(*xml);

    SUBCASE("missing") {
        const auto r = read_cfdi(replaced(*xml, timbre, ""));
        REQUIRE(refused(r) == "cfdi_sin_timbre");
        CHECK(r.error().message == "La factura no está timbrada: falta el Timbre Fiscal Digital");
    }
    SUBCASE("only in an Addenda, not in the Complemento") {
        auto v = replaced(*xml, timbre, "");
        v = replaced(v, "</cfdi:Comprobante>",
                     "<cfdi:Addenda>" + timbre + "</cfdi:Addenda></cfdi:Comprobante>");
        CHECK(refused(read_cfdi(v)) == "cfdi_sin_timbre");
    }
    SUBCASE("under the tfd prefix but another namespace") {
        const auto v = replaced(*xml, R"(xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital")",
                                R"(xmlns:tfd="http://example.com/TimbreFiscalDigital")");
        CHECK(refused(read_cfdi(v)) == "cfdi_sin_timbre");
    }
}

TEST_CASE("a second Comprobante, Timbre, Emisor or Receptor makes the invoice ambiguous") {
    const auto xml = sample();
    if (!xml)
        return;
    const auto timbre = timbre_of(*xml);
    SUBCASE("two timbres") {
        const auto v = replaced(*xml, "</cfdi:Complemento>", timbre + "</cfdi:Complemento>");
        CHECK(refused(read_cfdi(v)) == "cfdi_malformed");
    }
    SUBCASE("a timbre in the Complemento and another in an Addenda") {
        const auto v = replaced(*xml, "</cfdi:Comprobante>",
                                "<cfdi:Addenda>" + timbre + "</cfdi:Addenda></cfdi:Comprobante>");
        CHECK(refused(read_cfdi(v)) == "cfdi_malformed");
    }
    SUBCASE("a Comprobante inside the Comprobante") {
        const auto v = replaced(*xml, "</cfdi:Comprobante>",
                                R"(<cfdi:Addenda><cfdi:Comprobante Version="4.0" Total="1.00"/>)"
                                "</cfdi:Addenda></cfdi:Comprobante>");
        CHECK(refused(read_cfdi(v)) == "cfdi_malformed");
    }
    SUBCASE("two Emisores") {
        const auto v =
            replaced(*xml, "<cfdi:Receptor",
                     R"(<cfdi:Emisor Rfc="XAXX010101000" Nombre="OTRO"/><cfdi:Receptor)");
        CHECK(refused(read_cfdi(v)) == "cfdi_malformed");
    }
    SUBCASE("two Receptores") {
        const auto v = replaced(*xml, "<cfdi:Conceptos>",
                                R"(<cfdi:Receptor Rfc="XAXX010101000"/><cfdi:Conceptos>)");
        CHECK(refused(read_cfdi(v)) == "cfdi_malformed");
    }
}

TEST_CASE("a DOCTYPE is refused before any entity is expanded or any file is opened") {
    const auto xml = sample();
    if (!xml)
        return;

    SUBCASE("billion laughs") {
        std::string prelude = "<!DOCTYPE cfdi:Comprobante [\n<!ENTITY lol0 \"lol\">\n";
        for (int i = 1; i <= 9; ++i) {
            prelude += "<!ENTITY lol" + std::to_string(i) + " \"";
            for (int k = 0; k < 10; ++k)
                prelude += "&lol" + std::to_string(i - 1) + ";";
            prelude += "\">\n";
        }
        prelude += "]>";
        auto v = with_prelude(*xml, prelude);
        v = replaced(v, R"(Nombre="ESCUELA KEMPER URGATE")", R"(Nombre="&lol9;")");
        CHECK(refused(read_cfdi(v)) == "cfdi_doctype");
    }
    SUBCASE("an external entity naming /etc/passwd") {
        auto v = with_prelude(
            *xml, R"(<!DOCTYPE cfdi:Comprobante [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>)");
        v = replaced(v, "</cfdi:Conceptos>", "&xxe;</cfdi:Conceptos>");
        const auto r = read_cfdi(v);
        REQUIRE(refused(r) == "cfdi_doctype");
        CHECK(r.error().message.find("root:") == std::string::npos);
    }
    SUBCASE("an external entity naming a file whose content we know") {
        // If anything read the file, its marker could only surface in the error; the refusal at
        // the DOCTYPE (not a later "undefined entity" or a parse of the file) shows nothing did.
        const auto secret = std::filesystem::temp_directory_path() / "asamblea-cfdi-xxe-canary.txt";
        const std::string marker = "CONTENIDO-SECRETO-7f3a";
        std::ofstream(secret) << marker;
        auto v = with_prelude(*xml, "<!DOCTYPE cfdi:Comprobante [<!ENTITY xxe SYSTEM \"file://" +
                                        secret.string() + "\">]>");
        v = replaced(v, "</cfdi:Conceptos>", "&xxe;</cfdi:Conceptos>");
        const auto r = read_cfdi(v);
        std::filesystem::remove(secret);
        REQUIRE(refused(r) == "cfdi_doctype");
        CHECK(r.error().message.find(marker) == std::string::npos);
    }
    SUBCASE("an external DTD and nothing else") {
        const auto v =
            with_prelude(*xml, R"(<!DOCTYPE cfdi:Comprobante SYSTEM "http://example.com/x.dtd">)");
        CHECK(refused(read_cfdi(v)) == "cfdi_doctype");
    }
    SUBCASE("an entity used without any declaration is simply malformed") {
        const auto v = replaced(*xml, "</cfdi:Conceptos>", "&xxe;</cfdi:Conceptos>");
        CHECK(refused(read_cfdi(v)) == "cfdi_malformed");
    }
}

TEST_CASE("XML that is not well formed is refused with its line") {
    const auto xml = sample();
    if (!xml)
        return;
    SUBCASE("truncated") {
        const auto r = read_cfdi(std::string_view(*xml).substr(0, xml->size() / 2));
        REQUIRE(refused(r) == "cfdi_malformed");
        CHECK(r.error().message.find("línea") != std::string::npos);
    }
    SUBCASE("empty") {
        CHECK(refused(read_cfdi("")) == "cfdi_malformed");
    }
    SUBCASE("not XML at all") {
        CHECK(refused(read_cfdi("%PDF-1.7\n")) == "cfdi_malformed");
    }
    SUBCASE("declared UTF-8 but written in Latin-1") {
        const auto v = replaced(*xml, "ESCUELA KEMPER URGATE", "CL\xCDNICA");
        CHECK(refused(read_cfdi(v)) == "cfdi_malformed");
    }
}

TEST_CASE("only a CFDI 4.0 Comprobante is read") {
    const auto xml = sample();
    if (!xml)
        return;
    SUBCASE("a 3.3 invoice") {
        auto v = replaced(*xml, "http://www.sat.gob.mx/cfd/4", "http://www.sat.gob.mx/cfd/3");
        v = replaced(v, R"(Version="4.0")", R"(Version="3.3")");
        CHECK(refused(read_cfdi(v)) == "cfdi_not_40");
    }
    SUBCASE("the cfdi prefix bound to another namespace") {
        const auto v = replaced(*xml, R"(xmlns:cfdi="http://www.sat.gob.mx/cfd/4")",
                                R"(xmlns:cfdi="http://example.com/cfd/4")");
        CHECK(refused(read_cfdi(v)) == "cfdi_not_40");
    }
    SUBCASE("the 4.0 namespace with another Version") {
        const auto v = replaced(*xml, R"(Version="4.0")", R"(Version="3.3")");
        CHECK(refused(read_cfdi(v)) == "cfdi_not_40");
    }
    SUBCASE("another document altogether") {
        CHECK(refused(read_cfdi("<html><body>factura</body></html>")) == "cfdi_not_40");
    }
}

TEST_CASE("elements are matched by namespace, not by prefix") {
    const auto xml = sample();
    if (!xml)
        return;
    SUBCASE("other prefixes") {
        auto v = replaced(*xml, "xmlns:cfdi=", "xmlns:x=");
        v = replaced(v, "cfdi:", "x:");
        v = replaced(v, "xmlns:tfd=", "xmlns:t=");
        v = replaced(v, "tfd:", "t:");
        const auto r = read_cfdi(v);
        REQUIRE(r.has_value());
        CHECK(r->uuid == "66933DFF-5507-5460-9EF0-9D0BB068A54A");
        CHECK(r->emisor_rfc == "EKU9003173C9");
        CHECK(r->total == "2320.00");
        CHECK(r->conceptos.size() == 1);
    }
    SUBCASE("the default namespace") {
        auto v = replaced(*xml, "xmlns:cfdi=", "xmlns=");
        v = replaced(v, "cfdi:", "");
        const auto r = read_cfdi(v);
        REQUIRE(r.has_value());
        CHECK(r->uuid == "66933DFF-5507-5460-9EF0-9D0BB068A54A");
        CHECK(r->receptor_rfc == "AABF800614HI0");
        CHECK(r->conceptos.size() == 1);
    }
}

TEST_CASE("strings come out in UTF-8 whatever the declared encoding") {
    const auto xml = sample();
    if (!xml)
        return;
    SUBCASE("UTF-8") {
        const auto v = replaced(*xml, "ESCUELA KEMPER URGATE", "CLÍNICA ÑANDÚ");
        const auto r = read_cfdi(v);
        REQUIRE(r.has_value());
        CHECK(r->emisor_nombre == "CLÍNICA ÑANDÚ");
    }
    SUBCASE("ISO-8859-1, declared") {
        auto v = replaced(*xml, R"(encoding="utf-8")", R"(encoding="ISO-8859-1")");
        v = replaced(v, "ESCUELA KEMPER URGATE",
                     "CL\xCDNICA \xD1"
                     "AND\xDA");
        const auto r = read_cfdi(v);
        REQUIRE(r.has_value());
        CHECK(r->emisor_nombre == "CLÍNICA ÑANDÚ");
    }
}

TEST_CASE("the size cap is exact and checked before parsing") {
    const auto xml = sample();
    if (!xml)
        return;
    // Padding in a comment after the root: well formed, so only the size can refuse it.
    const auto padded = [&](std::size_t total) {
        const std::string open = "<!--", close = "-->";
        REQUIRE(total > xml->size() + open.size() + close.size());
        return *xml + open + std::string(total - xml->size() - open.size() - close.size(), 'x') +
               close;
    };
    SUBCASE("at the cap") {
        const auto v = padded(max_cfdi_bytes);
        REQUIRE(v.size() == max_cfdi_bytes);
        const auto r = read_cfdi(v);
        REQUIRE(r.has_value());
        CHECK(r->uuid == "66933DFF-5507-5460-9EF0-9D0BB068A54A");
    }
    SUBCASE("one byte over") {
        const auto v = padded(max_cfdi_bytes + 1);
        REQUIRE(v.size() == max_cfdi_bytes + 1);
        CHECK(refused(read_cfdi(v), domain::error_kind::too_large) == "cfdi_too_large");
    }
}

TEST_CASE("refusals that need no sample") {
    // These run even without ../shared: the safety checks must never be skipped.
    const std::string minimal =
        R"(<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Total="1.00">)"
        R"(<cfdi:Complemento><tfd:TimbreFiscalDigital )"
        R"(xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" UUID="u" SelloCFD="abc"/>)"
        R"(</cfdi:Complemento></cfdi:Comprobante>)";
    const auto r = read_cfdi(minimal);
    REQUIRE(r.has_value());
    CHECK(r->uuid == "u");
    CHECK(r->sello_cfd_tail == "abc"); // shorter than 8: all of it
    CHECK(r->emisor_rfc.empty());      // absent is empty; the domain decides what that means

    CHECK(refused(read_cfdi(R"(<!DOCTYPE x [<!ENTITY a "b">]>)" + minimal)) == "cfdi_doctype");
    CHECK(refused(read_cfdi(std::string(max_cfdi_bytes + 1, ' ')), domain::error_kind::too_large) ==
          "cfdi_too_large");
    CHECK(refused(read_cfdi(minimal.substr(0, minimal.size() - 5))) == "cfdi_malformed");
}

TEST_CASE("the seal's tail is counted in characters, never cutting one in half") {
    const std::string minimal =
        R"(<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0">)"
        R"(<cfdi:Complemento><tfd:TimbreFiscalDigital )"
        R"(xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" UUID="u" )"
        R"(SelloCFD="xxxxÑÑÑÑÑÑÑÑ"/></cfdi:Complemento></cfdi:Comprobante>)";
    const auto r = read_cfdi(minimal);
    REQUIRE(r.has_value());
    CHECK(r->sello_cfd_tail == "ÑÑÑÑÑÑÑÑ");
}

} // namespace cfdi_reader_test
