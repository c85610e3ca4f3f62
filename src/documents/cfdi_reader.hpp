#pragma once
/// Reads the fields an expense needs out of a CFDI 4.0 invoice's XML, refusing anything unsafe.

#include "domain/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::documents {

/// The largest invoice accepted, in bytes. Real CFDIs are tens of KB (the certificate and the two
/// seals are most of it); 2 MiB leaves room for long lists of concepts and an addenda while
/// keeping a hostile upload from tying up a worker.
inline constexpr std::size_t max_cfdi_bytes = 2 * 1024 * 1024;

/// One cfdi:Concepto, as raw attribute text.
struct cfdi_concept {
    std::string clave_prod_serv;
    std::string cantidad;
    std::string descripcion;
    std::string valor_unitario;
    std::string importe;
};

/// What the expense takes from an invoice, as raw attribute text (UTF-8). Parsing the amounts and
/// checking the RFCs and the UUID are domain rules, applied by whoever records the expense; an
/// attribute the invoice lacks is an empty string.
struct cfdi_fields {
    std::string version;          // Comprobante/@Version
    std::string fecha;            // Comprobante/@Fecha
    std::string subtotal;         // Comprobante/@SubTotal
    std::string total;            // Comprobante/@Total
    std::string moneda;           // Comprobante/@Moneda
    std::string tipo_comprobante; // Comprobante/@TipoDeComprobante
    std::string emisor_rfc;
    std::string emisor_nombre;
    std::string receptor_rfc;
    std::string receptor_nombre;
    std::string uso_cfdi;        // Receptor/@UsoCFDI
    std::string uuid;            // TimbreFiscalDigital/@UUID, the folio fiscal
    std::string fecha_timbrado;  // TimbreFiscalDigital/@FechaTimbrado
    std::string rfc_prov_certif; // TimbreFiscalDigital/@RfcProvCertif
    std::string sello_cfd_tail;  // the last 8 characters of TimbreFiscalDigital/@SelloCFD
    std::vector<cfdi_concept> conceptos;
};

/// Reads a CFDI 4.0 invoice. Elements are matched by namespace URI, never by prefix. Refuses, with
/// field "cfdi": input over max_cfdi_bytes (too_large, "cfdi_too_large"); any DOCTYPE or entity
/// declaration ("cfdi_doctype"); XML that is not well formed, or with a second Comprobante,
/// TimbreFiscalDigital, Emisor or Receptor ("cfdi_malformed"); a root that is not a 4.0
/// Comprobante ("cfdi_not_40"); no TimbreFiscalDigital in the Complemento ("cfdi_sin_timbre").
domain::result<cfdi_fields> read_cfdi(std::string_view xml);

} // namespace asamblea::documents
