#include "cli/demo_files.hpp"

#include "domain/followup/rfc.hpp"
#include "server/views/pdf_writer.hpp"
#include "server/views/xml_text.hpp"
#include "store/crypto.hpp"

#include <zlib.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace asamblea::cli {
namespace {

constexpr int png_width = 480;
constexpr int png_height = 320;

void put_u32(std::string& out, std::uint32_t v) {
    out.push_back(static_cast<char>((v >> 24) & 0xFF));
    out.push_back(static_cast<char>((v >> 16) & 0xFF));
    out.push_back(static_cast<char>((v >> 8) & 0xFF));
    out.push_back(static_cast<char>(v & 0xFF));
}

void put_chunk(std::string& png, const char* type, const std::string& data) {
    put_u32(png, static_cast<std::uint32_t>(data.size()));
    std::string body = std::string(type, 4) + data;
    png += body;
    auto crc =
        crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    put_u32(png, static_cast<std::uint32_t>(crc));
}

std::string cfdi_amount(domain::centavos c) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(c / 100),
                  static_cast<long long>(c % 100));
    return buf;
}

} // namespace

std::string demo_png(const demo_picture& p) {
    std::string raw;
    raw.reserve(static_cast<std::size_t>(png_height) * (1 + png_width * 3));
    for (int y = 0; y < png_height; ++y) {
        raw.push_back('\0'); // filter: none
        for (int x = 0; x < png_width; ++x) {
            rgb c = y < png_height * 2 / 5 ? p.sky : p.ground;
            if (y >= png_height * 2 / 5 && y < png_height / 2)
                c = p.band;
            else if (y >= png_height / 2) {
                int along = p.diagonal ? x + y : x;
                if (along % p.stripe_every < p.stripe_every / 3)
                    c = p.stripe;
            }
            raw.push_back(static_cast<char>(c.r));
            raw.push_back(static_cast<char>(c.g));
            raw.push_back(static_cast<char>(c.b));
        }
    }
    uLongf size = compressBound(static_cast<uLong>(raw.size()));
    std::string packed(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &size,
                  reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()),
                  Z_BEST_COMPRESSION) != Z_OK)
        throw std::runtime_error("zlib: compress2 failed");
    packed.resize(size);

    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    put_u32(header, png_width);
    put_u32(header, png_height);
    header += std::string("\x08\x02\x00\x00\x00", 5); // 8-bit RGB, deflate, no interlace
    put_chunk(png, "IHDR", header);
    put_chunk(png, "IDAT", packed);
    put_chunk(png, "IEND", "");
    return png;
}

std::string demo_pdf(std::string_view title, const std::vector<std::string>& paragraphs) {
    server::pdf_writer w({.margin = 56.0F,
                          .text_size = 11.0F,
                          .title = std::string(title),
                          .footer = "",
                          .banner = "",
                          .compress = true});
    w.para(title, 16, true);
    w.gap(9);
    for (const auto& p : paragraphs) {
        w.para(p);
        w.gap(6);
    }
    w.para("Documento de demostración generado por asamblea; no tiene validez oficial.", 8);
    return w.finish();
}

std::string demo_cfdi_xml(const demo_invoice& in) {
    // SubTotal and IVA from the total: the invoice adds up as a real one does.
    domain::centavos subtotal = (in.total * 100 + 58) / 116;
    domain::centavos iva = in.total - subtotal;
    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<cfdi:Comprobante xmlns:cfdi=\"http://www.sat.gob.mx/cfd/4\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://www.sat.gob.mx/cfd/4 "
         "http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd\" Version=\"4.0\" Serie=\"D\" "
         "Folio=\""
      << in.uuid.substr(0, 6) << "\" Fecha=\"" << server::xml_escape(in.fecha)
      << "\" FormaPago=\"03\" NoCertificado=\"00001000000500000000\" SubTotal=\""
      << cfdi_amount(subtotal) << "\" Moneda=\"MXN\" Total=\"" << cfdi_amount(in.total)
      << "\" TipoDeComprobante=\"I\" Exportacion=\"01\" MetodoPago=\"PUE\" "
         "LugarExpedicion=\"29290\" Sello=\"DEMO\" Certificado=\"DEMO\">\n"
      << "  <cfdi:Emisor Rfc=\"" << server::xml_escape(in.emisor_rfc) << "\" Nombre=\""
      << server::xml_escape(in.emisor_nombre) << "\" RegimenFiscal=\"601\"/>\n"
      << "  <cfdi:Receptor Rfc=\"" << server::xml_escape(in.receptor_rfc) << "\" Nombre=\""
      << server::xml_escape(in.receptor_nombre)
      << "\" DomicilioFiscalReceptor=\"29290\" RegimenFiscalReceptor=\"603\" UsoCFDI=\"G03\"/>\n"
      << "  <cfdi:Conceptos>\n"
      << "    <cfdi:Concepto ClaveProdServ=\"72101500\" Cantidad=\"1\" ClaveUnidad=\"E48\" "
         "Descripcion=\""
      << server::xml_escape(in.concepto) << "\" ValorUnitario=\"" << cfdi_amount(subtotal)
      << "\" Importe=\"" << cfdi_amount(subtotal) << "\" ObjetoImp=\"02\">\n"
      << "      <cfdi:Impuestos><cfdi:Traslados><cfdi:Traslado Base=\"" << cfdi_amount(subtotal)
      << "\" Impuesto=\"002\" TipoFactor=\"Tasa\" TasaOCuota=\"0.160000\" Importe=\""
      << cfdi_amount(iva) << "\"/></cfdi:Traslados></cfdi:Impuestos>\n"
      << "    </cfdi:Concepto>\n"
      << "  </cfdi:Conceptos>\n"
      << "  <cfdi:Impuestos TotalImpuestosTrasladados=\"" << cfdi_amount(iva)
      << "\"><cfdi:Traslados><cfdi:Traslado Base=\"" << cfdi_amount(subtotal)
      << "\" Impuesto=\"002\" TipoFactor=\"Tasa\" TasaOCuota=\"0.160000\" Importe=\""
      << cfdi_amount(iva) << "\"/></cfdi:Traslados></cfdi:Impuestos>\n"
      << "  <cfdi:Complemento>\n"
      << "    <tfd:TimbreFiscalDigital xmlns:tfd=\"http://www.sat.gob.mx/TimbreFiscalDigital\" "
         "Version=\"1.1\" UUID=\""
      << in.uuid << "\" FechaTimbrado=\"" << server::xml_escape(in.fecha)
      << "\" RfcProvCertif=\"SAT970701NN3\" SelloCFD=\"DEMO\" "
         "NoCertificadoSAT=\"00001000000500000000\" SelloSAT=\"DEMO\"/>\n"
      << "  </cfdi:Complemento>\n"
      << "</cfdi:Comprobante>\n";
    return x.str();
}

std::string demo_uuid(std::string_view seed) {
    auto hex = store::sha256_hex(std::string("asamblea-demo-cfdi:") + std::string(seed));
    std::string uuid = hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-4" + hex.substr(13, 3) + "-a" +
                       hex.substr(17, 3) + "-" + hex.substr(20, 12);
    for (auto& c : uuid)
        if (c >= 'a' && c <= 'f')
            c = static_cast<char>(c - 'a' + 'A');
    return uuid;
}

std::string demo_rfc(std::string_view first11) {
    for (char c : std::string_view("0123456789A")) {
        auto rfc = std::string(first11) + c;
        if (domain::check_rfc(rfc).check_digit_ok)
            return rfc;
    }
    throw std::logic_error("no check digit for " + std::string(first11));
}

std::string demo_evidence::put(std::string_view bytes) const {
    auto upload = files_.begin_upload(bytes.size());
    if (!upload)
        throw std::runtime_error("evidence: " + upload.error().message);
    if (auto written = upload->write(bytes); !written)
        throw std::runtime_error("evidence: " + written.error().message);
    auto stored = upload->commit();
    if (!stored)
        throw std::runtime_error("evidence: " + stored.error().message);
    return stored->sha256;
}

std::optional<domain::file_kind> demo_evidence::kind_of(const std::string& sha256) const {
    auto head = read(sha256, store::evidence_head_bytes);
    if (!head)
        return std::nullopt;
    return domain::sniff_file_kind(*head);
}

std::optional<std::string> demo_evidence::read(const std::string& sha256,
                                               std::size_t max_bytes) const {
    auto bytes = files_.read(sha256);
    if (!bytes)
        return std::nullopt;
    if (bytes->size() > max_bytes)
        bytes->resize(max_bytes);
    return std::move(*bytes);
}

std::optional<std::int64_t> demo_evidence::size_of(const std::string& sha256) const {
    auto size = files_.size(sha256);
    if (!size)
        return std::nullopt;
    return static_cast<std::int64_t>(*size);
}

} // namespace asamblea::cli
