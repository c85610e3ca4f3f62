#pragma once
/// The demo's evidence files, made in code: photos (PNG), documents (PDF) and CFDI invoices
/// (XML), stored by sha256 beside the database like uploads.

#include "app/followup/file_source.hpp"
#include "domain/money.hpp"
#include "store/evidence_files.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::cli {

struct rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

/// What a demo photo looks like: a sky, a coloured band across the middle, and stripes over
/// the ground, so «antes», «durante» and «después» are told apart at a glance.
struct demo_picture {
    rgb sky, band, ground, stripe;
    int stripe_every = 24; // pixels between stripes
    bool diagonal = false;
};

/// A real 480 × 320 RGB PNG (zlib-compressed, CRCs checked by any viewer).
std::string demo_png(const demo_picture& picture);

/// A one-page A4 PDF: a title and paragraphs (UTF-8, Spanish), made with libharu.
std::string demo_pdf(std::string_view title, const std::vector<std::string>& paragraphs);

/// What a demo CFDI 4.0 invoice says.
struct demo_invoice {
    std::string emisor_rfc, emisor_nombre;
    std::string receptor_rfc, receptor_nombre;
    std::string fecha; // "2025-05-12T10:30:00", local time as the SAT writes it
    std::string concepto;
    domain::centavos total = 0; // IVA (16 %) included
    std::string uuid;           // the timbre's folio fiscal, 8-4-4-4-12 upper-case hex
};

/// The invoice's XML: the 4.0 namespace, Emisor, Receptor, one Concepto with its IVA and a
/// TimbreFiscalDigital 1.1 (seals are placeholders: the demo is not stamped by the SAT).
std::string demo_cfdi_xml(const demo_invoice& invoice);

/// A folio fiscal (UUID) made from `seed`: the same seed, the same UUID; different seeds,
/// different UUIDs.
std::string demo_uuid(std::string_view seed);

/// A 12-character RFC (persona moral) from its first 11 characters with the check digit that
/// domain::check_rfc accepts.
std::string demo_rfc(std::string_view first11);

/// The demo's files through the store's evidence folder (store::evidence_files), exactly as an
/// upload puts them there: the app's commands read them back as the server's do.
class demo_evidence : public app::file_source {
public:
    explicit demo_evidence(const store::evidence_files& files) : files_(files) {}

    /// Stores the bytes once (the same bytes already there are kept); the sha256. Throws
    /// std::runtime_error when the file cannot be written.
    std::string put(std::string_view bytes) const;

    std::optional<domain::file_kind> kind_of(const std::string& sha256) const override;
    std::optional<std::string> read(const std::string& sha256,
                                    std::size_t max_bytes) const override;
    std::optional<std::int64_t> size_of(const std::string& sha256) const override;

private:
    const store::evidence_files& files_;
};

} // namespace asamblea::cli
