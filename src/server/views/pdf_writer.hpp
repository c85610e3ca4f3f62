#pragma once
/// An A4 PDF written top to bottom in Helvetica: wrapped paragraphs, rows of right-aligned
/// figures, rules, QR codes, signature lines, new pages as needed and a line at the foot of every
/// page ("Página N de M"). The acta, the informe and the demo's documents share it; libharu and
/// libqrencode stay inside the .cpp.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::server {

/// UTF-8 to Windows-1252 (WinAnsiEncoding); characters it lacks become '?'.
std::string utf8_to_cp1252(std::string_view utf8);

/// A paragraph placed beside something else (a QR code).
struct pdf_run {
    std::string utf8;
    float size = 0; // 0: the style's
    bool bold = false;
};

/// One signature block: who signs and in what capacity.
struct pdf_signer {
    std::string name;
    std::string capacity;
};

struct pdf_style {
    float margin = 56.0F;    // points, on every side
    float text_size = 10.5F; // a paragraph's size when none is given
    std::string title;       // the document's info title (UTF-8)
    std::string footer;      // at the foot of every page, before "Página N de M" (may be empty)
    std::string banner;      // in red at the top of every page (drafts), may be empty
    bool compress = false; // uncompressed keeps the text searchable in the raw bytes (tests, grep)
};

class pdf_writer {
public:
    /// Throws std::runtime_error when libharu cannot start a document.
    explicit pdf_writer(pdf_style style);
    ~pdf_writer();
    pdf_writer(const pdf_writer&) = delete;
    pdf_writer& operator=(const pdf_writer&) = delete;

    /// A paragraph in UTF-8, wrapped to the text width (less `indent`); size 0 is the style's.
    void para(std::string_view utf8, float size = 0, bool bold = false, float indent = 0);
    /// One row: a label from `indent`, then the cells right-aligned in columns that end at the
    /// right margin, `column` points wide each. A label that would reach the cells wraps.
    void row(std::string_view label, const std::vector<std::string>& cells, bool bold = false,
             float indent = 0, float column = 78, float size = 9.F);
    void gap(float points);
    /// A thin rule across the text width.
    void rule();
    /// Starts a new page unless `points` still fit on this one.
    void room(float points);
    /// A QR code of `text` (error correction M, with its quiet zone) `side` points wide at the left
    /// margin, and the paragraphs `beside` wrapped to its right. Throws std::runtime_error when
    /// the text cannot be encoded.
    void qr(std::string_view text, float side, const std::vector<pdf_run>& beside);
    /// Signature blocks, two to a row: space to sign, a line, the name and the capacity under it.
    void signatures(const std::vector<pdf_signer>& signers);

    /// The finished document's bytes; throws std::runtime_error when libharu failed anywhere.
    std::string finish();

private:
    struct state;
    std::unique_ptr<state> s_;
};

} // namespace asamblea::server
