#pragma once
/// The follow-up's integration tests: a clinic whose 2026 COSABI has committee logins, files
/// uploaded through the real route, and CFDI 4.0 invoices made to order.

#include "assembly_helpers.hpp"
#include "domain/committee.hpp"
#include "domain/round.hpp"
#include "store/assembly_repo.hpp"
#include "store/member_repo.hpp"
#include "store/round_repo.hpp"

#include <string>

/// assembly_env with the clinic's committee of 2026 (presidencia "presidenta", tesorería
/// "tesorera") and a member of 2025 who was not elected again ("anterior"), all with the
/// fixture's password, and a work item added by the coordinator.
struct followup_env : assembly_env {
    std::string presidenta, tesorera, anterior;
    std::int64_t work_id = 0;

    followup_env() {
        using namespace asamblea;
        auto hash = store::hash_password("clave-de-prueba");
        auto ok = s.srv->store().writer().run([&](store::write_context& w) -> domain::status {
            auto a = store::find_assembly(w.db(), "CSIMB000001", 2026);
            auto spec = domain::make_round_spec(domain::make_ratification("", 2025));
            REQUIRE(a);
            REQUIRE(spec);
            auto round = store::create_round(w, a->id, "CSIMB000001", *spec);
            auto member = [&](int term, const std::string& role, const std::string& user) {
                auto id = store::save_user(w, user, hash, domain::role::committee, {"CSIMB000001"},
                                           false);
                REQUIRE(id);
                store::insert_member(w, {"CSIMB000001", term, round, "eleccion"},
                                     {role, 1, user, "mujer", 0, 0, *id});
            };
            member(2025, "presidencia", "anterior");
            member(2026, "presidencia", "presidenta");
            member(2026, "tesoreria", "tesorera");
            return {};
        });
        REQUIRE(ok);
        presidenta = login(c, "presidenta");
        tesorera = login(c, "tesorera");
        anterior = login(c, "anterior");
        auto r = c.request("POST", std::string(base) + "/works",
                           R"({"edition":2026,"title":"Ultrasonido portátil","category":
                               "equipamiento","approved_centavos":5000000,"quantity":1,
                               "reason":"Acordado en la asamblea, acta p. 3"})",
                           bearer(coord));
        REQUIRE_MESSAGE(r.status == 201, r.body);
        work_id = body_of(r)["id"];
    }

    std::string work_path(const std::string& tail = {}) const {
        return "/works/" + std::to_string(work_id) + tail;
    }

    http_reply as(const std::string& token, const std::string& method, const std::string& path,
                  const nlohmann::json& body = nullptr) {
        return c.request(method, std::string(base) + path, body.is_null() ? "" : body.dump(),
                         bearer(token));
    }

    /// Uploads bytes as a file of the clinic; its sha256.
    std::string upload(const std::string& token, const std::string& bytes) {
        auto h = bearer(token);
        h["Content-Type"] = "application/octet-stream";
        auto r = c.request("POST", std::string(base) + "/files", bytes, h);
        REQUIRE_MESSAGE((r.status == 201 || r.status == 200), r.body);
        return body_of(r)["sha256"];
    }
};

/// A small PDF (enough for its type; the follow-up never renders it).
inline std::string pdf_bytes(const std::string& text) {
    return "%PDF-1.4\n% " + text + "\n%%EOF\n";
}

/// A PNG signature and header (the type is told from the first bytes).
inline std::string png_bytes(const std::string& tag) {
    return std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + tag;
}

/// A stamped CFDI 4.0 invoice from the SAT's test issuer with this folio fiscal and total.
inline std::string cfdi_xml(const std::string& uuid, const std::string& total) {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4"
  xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" Version="4.0"
  Fecha="2026-03-02T10:00:00" SubTotal=")" +
           total + R"(" Total=")" + total + R"(" Moneda="MXN" TipoDeComprobante="I">
  <cfdi:Emisor Rfc="EKU9003173C9" Nombre="ESCUELA KEMPER URGATE" RegimenFiscal="601"/>
  <cfdi:Receptor Rfc="AABF800614HI0" Nombre="COMITE DE SALUD" UsoCFDI="G03"/>
  <cfdi:Conceptos><cfdi:Concepto ClaveProdServ="42181600" Cantidad="1"
    Descripcion="Ultrasonido" ValorUnitario=")" +
           total + R"(" Importe=")" + total + R"("/></cfdi:Conceptos>
  <cfdi:Complemento><tfd:TimbreFiscalDigital Version="1.1" UUID=")" +
           uuid + R"("
    FechaTimbrado="2026-03-02T10:05:00" RfcProvCertif="SPR190613I52"
    SelloCFD="abcdefgh12345678"/></cfdi:Complemento>
</cfdi:Comprobante>
)";
}
