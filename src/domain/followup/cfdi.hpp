#pragma once
/// The facts of a CFDI (the electronic invoice) an expense needs, and their checks; the XML is
/// read elsewhere.

#include "domain/error.hpp"
#include "domain/money.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace asamblea::domain {

struct cfdi_invoice {
    std::string version; // Comprobante/@Version
    std::string emisor_rfc;
    std::string emisor_nombre;
    std::string receptor_rfc;
    std::string fecha; // Comprobante/@Fecha, as in the XML
    std::string uuid;  // TimbreFiscalDigital/@UUID, as normalize_uuid returns it
    std::string moneda;
    centavos total = 0;
    centavos subtotal = 0;
};

/// Whether the invoice can back an expense, each an invalid error: cfdi_version unless "4.0",
/// cfdi_uuid unless normalize_uuid accepts the UUID, cfdi_rfc unless the issuer's RFC is well
/// formed (a wrong check digit only warns), cfdi_total unless the total is positive,
/// cfdi_moneda unless the currency is "MXN" (or empty, which CFDI reads as MXN).
status check_invoice(const cfdi_invoice& invoice);

/// A CFDI amount ("2320.00", "2320", "2320.5", "1160.000000": digits, then at most 6 decimals)
/// in centavos. Digits past the centavos are rounded half away from zero (commercial rounding);
/// refusing them would refuse valid invoices. nullopt for signs, separators, or overflow.
std::optional<centavos> parse_cfdi_amount(std::string_view text);

/// The folio fiscal in upper case when it is 8-4-4-4-12 hexadecimal digits (surrounding spaces
/// ignored); nullopt otherwise.
std::optional<std::string> normalize_uuid(std::string_view text);

} // namespace asamblea::domain
