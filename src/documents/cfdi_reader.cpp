#include "documents/cfdi_reader.hpp"

#include <expat.h>

#include <climits>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace asamblea::documents {

namespace {

// expat reports a namespaced name as URI, separator, local name. '|' cannot appear in the SAT's
// URIs, and expat (since 2.4.5) rejects any namespace URI that contains the separator, so a
// crafted URI cannot forge a match.
constexpr char ns_separator = '|';
constexpr std::string_view cfd4_ns = "http://www.sat.gob.mx/cfd/4";
constexpr std::string_view tfd_ns = "http://www.sat.gob.mx/TimbreFiscalDigital";
constexpr std::size_t sello_tail_chars = 8;

struct parser_deleter {
    void operator()(XML_Parser p) const { XML_ParserFree(p); }
};
using parser_ptr = std::unique_ptr<std::remove_pointer_t<XML_Parser>, parser_deleter>;

bool is(std::string_view name, std::string_view ns, std::string_view local) {
    return name.size() == ns.size() + 1 + local.size() && name.starts_with(ns) &&
           name[ns.size()] == ns_separator && name.ends_with(local);
}

domain::error refusal(std::string code, std::string message) {
    return domain::fail(domain::error_kind::invalid, std::move(code), std::move(message), "cfdi")
        .error();
}

// The last `n` characters (code points, not bytes) of a UTF-8 string, so a multi-byte character
// in a hostile seal is never cut in half.
std::string last_chars(std::string_view s, std::size_t n) {
    std::size_t pos = s.size();
    for (std::size_t taken = 0; pos > 0 && taken < n; ++taken) {
        --pos;
        while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80)
            --pos;
    }
    return std::string(s.substr(pos));
}

// Copies the unqualified attributes named in `wanted`; attributes in a namespace (xsi:…) arrive
// with their URI in front and so never match.
void take(const XML_Char** atts,
          std::initializer_list<std::pair<std::string_view, std::string*>> wanted) {
    for (; atts[0] != nullptr; atts += 2)
        for (const auto& [name, out] : wanted)
            if (name == atts[0])
                *out = atts[1];
}

// Where the parser is among the Comprobante's children; only these sections are read.
enum class section { none, emisor, receptor, conceptos, complemento };

struct reader_state {
    XML_Parser parser = nullptr;
    cfdi_fields fields;
    std::optional<domain::error> refused; // the first refusal; the parser stops at it
    int depth = 0;                        // 1 is the root
    section in = section::none;
    int emisores = 0;
    int receptores = 0;
    int timbres = 0;       // anywhere in the document
    bool timbrado = false; // a TimbreFiscalDigital directly inside the Complemento

    void refuse(std::string code, std::string message) {
        if (refused)
            return;
        refused = refusal(std::move(code), std::move(message));
        XML_StopParser(parser, XML_FALSE);
    }
};

void read_comprobante(reader_state& s, const XML_Char** atts) {
    auto& f = s.fields;
    take(atts, {{"Version", &f.version},
                {"Fecha", &f.fecha},
                {"SubTotal", &f.subtotal},
                {"Total", &f.total},
                {"Moneda", &f.moneda},
                {"TipoDeComprobante", &f.tipo_comprobante}});
}

void read_timbre(reader_state& s, const XML_Char** atts) {
    auto& f = s.fields;
    std::string sello;
    take(atts, {{"UUID", &f.uuid},
                {"FechaTimbrado", &f.fecha_timbrado},
                {"RfcProvCertif", &f.rfc_prov_certif},
                {"SelloCFD", &sello}});
    f.sello_cfd_tail = last_chars(sello, sello_tail_chars);
    s.timbrado = true;
}

void on_start(void* data, const XML_Char* raw_name, const XML_Char** atts) {
    auto& s = *static_cast<reader_state*>(data);
    if (s.refused)
        return; // expat may still deliver an event or two after a stop
    const std::string_view name = raw_name;
    ++s.depth;
    if (s.depth == 1) {
        if (!is(name, cfd4_ns, "Comprobante"))
            return s.refuse("cfdi_not_40", "El archivo no es una factura CFDI 4.0; se aceptan solo "
                                           "facturas de la versión 4.0 del SAT.");
        read_comprobante(s, atts);
        if (s.fields.version != "4.0")
            return s.refuse("cfdi_not_40", "La factura no es de la versión 4.0 del CFDI; se "
                                           "aceptan solo facturas de la versión 4.0 del SAT.");
        return;
    }
    // A second invoice nested inside the first (in an Addenda, say) would make "which RFC, which
    // total" ambiguous: refuse rather than pick one.
    if (is(name, cfd4_ns, "Comprobante"))
        return s.refuse("cfdi_malformed", "El archivo contiene más de un Comprobante.");
    if (is(name, tfd_ns, "TimbreFiscalDigital") && ++s.timbres > 1)
        return s.refuse(
            "cfdi_malformed",
            "La factura contiene más de un Timbre Fiscal Digital; no se sabe cuál vale.");
    if (s.depth == 2) {
        if (is(name, cfd4_ns, "Emisor")) {
            if (++s.emisores > 1)
                return s.refuse("cfdi_malformed", "La factura contiene más de un Emisor.");
            s.in = section::emisor;
            take(atts, {{"Rfc", &s.fields.emisor_rfc}, {"Nombre", &s.fields.emisor_nombre}});
        } else if (is(name, cfd4_ns, "Receptor")) {
            if (++s.receptores > 1)
                return s.refuse("cfdi_malformed", "La factura contiene más de un Receptor.");
            s.in = section::receptor;
            take(atts, {{"Rfc", &s.fields.receptor_rfc},
                        {"Nombre", &s.fields.receptor_nombre},
                        {"UsoCFDI", &s.fields.uso_cfdi}});
        } else if (is(name, cfd4_ns, "Conceptos")) {
            s.in = section::conceptos;
        } else if (is(name, cfd4_ns, "Complemento")) {
            s.in = section::complemento;
        }
        return;
    }
    if (s.depth == 3 && s.in == section::conceptos && is(name, cfd4_ns, "Concepto")) {
        auto& c = s.fields.conceptos.emplace_back();
        take(atts, {{"ClaveProdServ", &c.clave_prod_serv},
                    {"Cantidad", &c.cantidad},
                    {"Descripcion", &c.descripcion},
                    {"ValorUnitario", &c.valor_unitario},
                    {"Importe", &c.importe}});
        return;
    }
    if (s.depth == 3 && s.in == section::complemento && is(name, tfd_ns, "TimbreFiscalDigital"))
        read_timbre(s, atts);
}

void on_end(void* data, const XML_Char*) {
    auto& s = *static_cast<reader_state*>(data);
    if (s.refused)
        return;
    if (s.depth == 2)
        s.in = section::none;
    --s.depth;
}

// A DOCTYPE is where entities are declared, and entities are how XML bombs (billion laughs) and
// file reads (external entities) get in. A CFDI never has one, so any DOCTYPE ends the reading
// before its internal subset is looked at.
void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    static_cast<reader_state*>(data)->refuse(
        "cfdi_doctype", "La factura trae una declaración DOCTYPE o de entidades, que un CFDI no "
                        "lleva; por seguridad no se lee.");
}

void on_entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
               const XML_Char*, const XML_Char*, const XML_Char*) {
    on_doctype(data, nullptr, nullptr, nullptr, 0);
}

domain::error malformed(XML_Parser p) {
    const auto code = XML_GetErrorCode(p);
    const auto line = std::to_string(XML_GetCurrentLineNumber(p));
    if (code == XML_ERROR_UNKNOWN_ENCODING || code == XML_ERROR_INCORRECT_ENCODING)
        return refusal("cfdi_malformed", "El XML de la factura tiene una codificación que no se "
                                         "reconoce o no coincide con la declarada (línea " +
                                             line + "); los CFDI van en UTF-8.");
    return refusal("cfdi_malformed",
                   "El XML de la factura está mal formado o incompleto (línea " + line + ").");
}

} // namespace

domain::result<cfdi_fields> read_cfdi(std::string_view xml) {
    // Checked before any parsing, so an oversized upload costs nothing but its length.
    if (xml.size() > max_cfdi_bytes)
        return domain::fail(domain::error_kind::too_large, "cfdi_too_large",
                            "El archivo de la factura pesa más de 2 MiB; un CFDI real pesa unas "
                            "decenas de KB.",
                            "cfdi");

    // No encoding given: expat follows the document's declaration (UTF-8 when there is none) and
    // hands every string out as UTF-8.
    parser_ptr parser(XML_ParserCreateNS(nullptr, ns_separator));
    if (!parser)
        return domain::fail(domain::error_kind::internal, "cfdi_parser",
                            "No se pudo leer la factura; intente de nuevo.", "cfdi");
    reader_state state;
    state.parser = parser.get();
    XML_SetUserData(parser.get(), &state);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
    XML_SetEntityDeclHandler(parser.get(), on_entity);
    // Belt and braces beside the DOCTYPE refusal: never read an external DTD or parameter entity,
    // and there is no external entity reference handler, so nothing outside `xml` is ever opened.
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);

    static_assert(max_cfdi_bytes <= INT_MAX, "XML_Parse takes the length as an int");
    const auto status = XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE);
    if (state.refused)
        return std::unexpected(std::move(*state.refused));
    if (status != XML_STATUS_OK)
        return std::unexpected(malformed(parser.get()));
    if (!state.timbrado)
        return domain::fail(domain::error_kind::invalid, "cfdi_sin_timbre",
                            "La factura no está timbrada: falta el Timbre Fiscal Digital", "cfdi");
    return std::move(state.fields);
}

} // namespace asamblea::documents
