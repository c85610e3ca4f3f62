#include "domain/followup/cfdi.hpp"

#include "domain/followup/rfc.hpp"
#include "domain/text_chars.hpp"

#include <limits>

namespace asamblea::domain {
namespace {

constexpr std::size_t max_cfdi_decimals = 6;

std::unexpected<error> bad_cfdi(std::string code, std::string message, std::string field) {
    return fail(error_kind::invalid, std::move(code), std::move(message), std::move(field));
}

} // namespace

status check_invoice(const cfdi_invoice& invoice) {
    if (invoice.version != "4.0")
        return bad_cfdi("cfdi_version",
                        "La factura debe ser un CFDI versión 4.0; esta es versión «" +
                            invoice.version + "».",
                        "version");
    if (!normalize_uuid(invoice.uuid))
        return bad_cfdi(
            "cfdi_uuid",
            "La factura no trae un folio fiscal (UUID) válido del timbre fiscal digital.", "uuid");
    auto rfc = normalize_rfc(invoice.emisor_rfc);
    if (!rfc || !check_rfc(*rfc).well_formed)
        return bad_cfdi("cfdi_rfc", "El RFC del emisor de la factura no tiene el formato correcto.",
                        "emisor_rfc");
    if (invoice.total <= 0)
        return bad_cfdi("cfdi_total", "El total de la factura debe ser mayor que cero.", "total");
    if (!invoice.moneda.empty() && invoice.moneda != "MXN")
        return bad_cfdi("cfdi_moneda",
                        "La factura debe estar en pesos mexicanos (MXN); está en «" +
                            invoice.moneda + "».",
                        "moneda");
    return {};
}

std::optional<centavos> parse_cfdi_amount(std::string_view text) {
    text = trim_blanks(text);
    std::size_t dot = text.find('.');
    std::string_view whole = text.substr(0, dot);
    std::string_view frac =
        dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    if (whole.empty() || (dot != std::string_view::npos && frac.empty()) ||
        frac.size() > max_cfdi_decimals)
        return std::nullopt;
    constexpr centavos max_pesos = std::numeric_limits<centavos>::max() / 100 - 1;
    centavos pesos = 0;
    for (char c : whole) {
        if (!is_ascii_digit(c))
            return std::nullopt;
        pesos = pesos * 10 + (c - '0');
        if (pesos > max_pesos)
            return std::nullopt;
    }
    centavos cents = 0;
    for (std::size_t i = 0; i < frac.size(); ++i) {
        if (!is_ascii_digit(frac[i]))
            return std::nullopt;
        if (i < 2)
            cents = cents * 10 + (frac[i] - '0');
    }
    if (frac.size() == 1)
        cents *= 10;
    // Half away from zero: only the first dropped digit decides (amounts are never negative).
    if (frac.size() > 2 && frac[2] >= '5')
        ++cents;
    return pesos * 100 + cents;
}

std::optional<std::string> normalize_uuid(std::string_view text) {
    text = trim_blanks(text);
    if (text.size() != 36)
        return std::nullopt;
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return std::nullopt;
        } else if (c >= 'a' && c <= 'f') {
            c = static_cast<char>(c - 'a' + 'A');
        } else if (!is_ascii_digit(c) && !(c >= 'A' && c <= 'F')) {
            return std::nullopt;
        }
        out += c;
    }
    return out;
}

} // namespace asamblea::domain
