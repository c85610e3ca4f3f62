#include "server/views/informe_pdf.hpp"

#include "server/views/acta_pdf.hpp"

#include <hpdf.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <type_traits>

namespace asamblea::server {
namespace {

constexpr float page_width = 595.276F; // A4 in points
constexpr float page_height = 841.89F;
constexpr float margin = 50.0F;

struct pdf_error {
    HPDF_STATUS code = 0;
    HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
    auto* e = static_cast<pdf_error*>(user);
    if (e->code == 0) {
        e->code = code;
        e->detail = detail;
    }
}

/// Lines top to bottom, wrapped, new pages as needed; rows of a label and right-aligned figures.
class writer {
public:
    explicit writer(HPDF_Doc pdf, std::string footer) : pdf_(pdf), footer_(std::move(footer)) {
        regular_ = HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding");
        bold_ = HPDF_GetFont(pdf, "Helvetica-Bold", "WinAnsiEncoding");
        new_page();
    }

    /// A paragraph in UTF-8, wrapped to the text width (less `indent`).
    void para(std::string_view utf8, float size = 10.F, bool bold = false, float indent = 0) {
        auto text = utf8_to_cp1252(utf8);
        HPDF_Font font = bold ? bold_ : regular_;
        float width = page_width - 2 * margin - indent;
        float leading = size * 1.35F;
        std::string line;
        auto flush = [&] {
            room(leading);
            put(line, font, size, margin + indent);
            y_ -= leading;
            line.clear();
        };
        std::size_t i = 0;
        while (i < text.size()) {
            auto end = text.find(' ', i);
            if (end == std::string::npos)
                end = text.size();
            std::string word = text.substr(i, end - i);
            std::string candidate = line.empty() ? word : line + " " + word;
            if (!line.empty() && measure(candidate, font, size) > width) {
                flush();
                line = word;
            } else {
                line = std::move(candidate);
            }
            i = end + 1;
        }
        if (!line.empty() || text.empty())
            flush();
    }

    /// One row: a label from `indent`, then the cells right-aligned in columns that end at
    /// the right margin, `column` points wide each.
    void row(std::string_view label, const std::vector<std::string>& cells, bool bold = false,
             float indent = 0, float column = 78, float size = 9.F) {
        HPDF_Font font = bold ? bold_ : regular_;
        float leading = size * 1.45F;
        room(leading);
        put(utf8_to_cp1252(label), font, size, margin + indent);
        float right = page_width - margin;
        for (auto it = cells.rbegin(); it != cells.rend(); ++it) {
            auto text = utf8_to_cp1252(*it);
            put(text, font, size, right - measure(text, font, size));
            right -= column;
        }
        y_ -= leading;
    }

    void gap(float points) { y_ -= points; }

    void rule() {
        room(8);
        HPDF_Page_SetLineWidth(page_, 0.5F);
        HPDF_Page_MoveTo(page_, margin, y_);
        HPDF_Page_LineTo(page_, page_width - margin, y_);
        HPDF_Page_Stroke(page_);
        y_ -= 10;
    }

    /// Starts a new page unless `points` still fit on this one.
    void room(float points) {
        if (y_ - points < margin + 20)
            new_page();
    }

private:
    float measure(const std::string& text, HPDF_Font font, float size) {
        HPDF_Page_SetFontAndSize(page_, font, size);
        return HPDF_Page_TextWidth(page_, text.c_str());
    }

    void put(const std::string& text, HPDF_Font font, float size, float x) {
        HPDF_Page_BeginText(page_);
        HPDF_Page_SetFontAndSize(page_, font, size);
        HPDF_Page_TextOut(page_, x, y_ - size, text.c_str());
        HPDF_Page_EndText(page_);
    }

    void new_page() {
        page_ = HPDF_AddPage(pdf_);
        HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        ++pages_;
        y_ = page_height - margin;
        // The clinic and the page number at the foot of every page, so a loose sheet is placed.
        auto foot = utf8_to_cp1252(footer_ + " · Página " + std::to_string(pages_));
        HPDF_Page_BeginText(page_);
        HPDF_Page_SetFontAndSize(page_, regular_, 8);
        HPDF_Page_TextOut(page_, page_width - margin - HPDF_Page_TextWidth(page_, foot.c_str()),
                          margin - 20, foot.c_str());
        HPDF_Page_EndText(page_);
    }

    HPDF_Doc pdf_;
    std::string footer_;
    HPDF_Font regular_ = nullptr;
    HPDF_Font bold_ = nullptr;
    HPDF_Page page_ = nullptr;
    float y_ = 0;
    int pages_ = 0;
};

std::vector<std::string> money_cells(const informe_money& m) {
    return {pesos_con_centavos(m.asignado), pesos_con_centavos(m.comprometido),
            pesos_con_centavos(m.ejercido), pesos_con_centavos(m.comprobado),
            pesos_con_centavos(m.saldo)};
}

std::string percent(const std::optional<int>& p) {
    return p ? std::to_string(*p) + " %" : std::string("sin datos");
}

std::string count(int n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// At most `bytes` of UTF-8, cut between characters, with "…" when cut: a title in a row.
std::string shortened(const std::string& text, std::size_t bytes) {
    if (text.size() <= bytes)
        return text;
    while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80)
        --bytes;
    return text.substr(0, bytes) + "…";
}

// "2025-04-08T13:20:00" (a CFDI's local time) → "08/04/2025".
std::string fecha_corta(std::string_view text) {
    if (text.size() < 10)
        return std::string(text);
    return std::string(text.substr(8, 2)) + "/" + std::string(text.substr(5, 2)) + "/" +
           std::string(text.substr(0, 4));
}

} // namespace

std::string pesos_con_centavos(std::int64_t centavos) {
    bool negative = centavos < 0;
    auto value = static_cast<unsigned long long>(negative ? -centavos : centavos);
    auto digits = std::to_string(value / 100);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            grouped.push_back(',');
        grouped.push_back(digits[i]);
    }
    char cents[4];
    std::snprintf(cents, sizeof cents, "%02llu", value % 100);
    return (negative ? "-$" : "$") + grouped + "." + cents;
}

std::string build_informe_pdf(const informe_data& d) {
    pdf_error err;
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, void (*)(HPDF_Doc)> doc(
        HPDF_New(on_error, &err), HPDF_Free);
    if (!doc)
        throw std::runtime_error("libharu: HPDF_New failed");
    HPDF_Doc pdf = doc.get();
    // Uncompressed, as the acta: the text stays searchable in the raw bytes.
    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "asamblea");
    HPDF_SetInfoAttr(
        pdf, HPDF_INFO_TITLE,
        utf8_to_cp1252("Informe de seguimiento " + d.clues + " " + std::to_string(d.edition))
            .c_str());

    writer w(pdf, d.clues + " · Informe " + std::to_string(d.edition));
    w.para("Informe de seguimiento a la asamblea", 18, true);
    w.gap(4);
    w.para(d.clinic_name, 13, true);
    w.para("CLUES " + d.clues);
    if (!d.municipio.empty() || !d.entidad.empty())
        w.para(d.municipio + (d.municipio.empty() || d.entidad.empty() ? "" : ", ") + d.entidad);
    w.para("Asamblea " + std::to_string(d.edition) +
           ". Presupuesto de la unidad: " + pesos_con_centavos(d.budget) + ".");
    w.para("Impreso el " + fecha_larga(d.generated_at) + " (hora del centro de México).");
    w.gap(4);
    w.rule();

    w.para("Cuadernillo de gastos", 14, true);
    w.row("", {"Asignado", "Comprometido", "Ejercido", "Comprobado", "Saldo"}, true);
    w.row("Unidad", money_cells(d.money), true);
    for (const auto& work : d.works)
        w.row(shortened(work.title, 36), money_cells(work.money));
    w.gap(4);
    w.para("Asignado: lo aprobado por la asamblea; comprometido: lo contratado; ejercido: lo "
           "pagado; comprobado: lo pagado con factura (CFDI) y su evidencia; saldo: lo que "
           "queda del presupuesto.",
           8.5F);
    w.gap(4);

    w.para("Comprobación", 14, true);
    w.para("Dinero gastado comprobado: " + percent(d.proven_percent) + " (" +
           pesos_con_centavos(d.proven) + " de " + pesos_con_centavos(d.spent) + ").");
    w.para("Obras entregadas con fotos de antes y después: " + percent(d.photos_percent) + " (" +
           std::to_string(d.delivered_with_photos) + " de " +
           count(d.delivered, "obra entregada", "obras entregadas") + ").");
    w.para("Fecha límite para comprobar: " + d.deadline + "." +
           (d.deadline_text.empty() ? "" : " " + d.deadline_text + "."));
    w.gap(4);
    w.rule();

    w.para("Obras y compras", 14, true);
    if (d.works.empty())
        w.para("La asamblea no tiene obras ni compras registradas.");
    int n = 0;
    for (const auto& work : d.works) {
        w.room(90);
        w.gap(4);
        w.para(std::to_string(++n) + ". " + work.title, 12, true);
        w.para(work.category + ". Estado: " + work.state +
               ". Aprobado: " + pesos_con_centavos(work.approved) + ".");
        w.para("Evidencia: " + count(work.photos_before, "foto de antes", "fotos de antes") + ", " +
                   count(work.photos_during, "foto durante", "fotos durante") + ", " +
                   count(work.photos_after, "foto de después", "fotos de después") + ", " +
                   count(work.documents, "documento", "documentos") +
                   "; acta de "
                   "entrega-recepción: " +
                   (work.entrega_recepcion ? "sí" : "no") + "; " +
                   count(work.confirmations, "confirmación", "confirmaciones") + ".",
               9.5F);

        if (!work.quotes.empty()) {
            w.para("Cotizaciones", 10, true, 10);
            for (const auto& q : work.quotes) {
                std::string mark;
                if (q.voided)
                    mark = " (anulada)";
                else if (q.chosen)
                    mark = q.cheapest ? " (elegida, la más baja)" : " (elegida)";
                else if (q.cheapest)
                    mark = " (la más baja)";
                w.row(q.supplier + " · RFC " + q.rfc + mark,
                      {fecha_corta(q.date), pesos_con_centavos(q.amount)}, q.chosen, 20, 70);
                if (q.chosen && !q.reason.empty())
                    w.para("Razón pública de la elección: " + q.reason, 9, false, 30);
            }
        }
        if (!work.quote_exception.empty())
            w.para("Excepción a las tres cotizaciones: " + work.quote_exception, 9, false, 10);

        if (!work.expenses.empty()) {
            w.para("Gastos (facturas CFDI)", 10, true, 10);
            for (const auto& e : work.expenses) {
                w.row(e.supplier + (e.voided ? " (anulado)" : ""),
                      {fecha_corta(e.fecha), pesos_con_centavos(e.amount)}, false, 20, 70);
                w.para("Folio fiscal " + e.uuid + " · RFC " + e.rfc +
                           (e.voided ? ". Anulado: " + e.void_reason : std::string()),
                       8.5F, false, 30);
            }
        }

        if (!work.moves.empty()) {
            w.para("Avance", 10, true, 10);
            for (const auto& m : work.moves)
                w.para(fecha_larga(m.at) + ": de «" + m.from + "» a «" + m.to + "»" +
                           (m.role.empty() ? "" : " (" + m.role + ")") +
                           (m.reason.empty() ? "" : ". Motivo: " + m.reason),
                       9, false, 20);
        }
    }

    w.gap(6);
    w.rule();
    w.para("Bitácora verificable", 14, true);
    w.para("Cabeza de la cadena de la bitácora de la unidad: evento " +
           std::to_string(d.chain_seq) + ".");
    w.para("sha256: " + d.chain_hash, 9.5F);
    w.para("Cómo verificarla: la orden «asamblea verify» recalcula toda la bitácora (cada "
           "eslabón es el sha256 del anterior más el evento). Si el evento " +
               std::to_string(d.chain_seq) +
               " de la cadena recalculada tiene este mismo hash, nada de lo escrito hasta la "
               "impresión de este informe se cambió después.",
           9.5F);

    if (err.code != 0)
        throw std::runtime_error("libharu error " + std::to_string(err.code) + "/" +
                                 std::to_string(err.detail));
    if (HPDF_SaveToStream(pdf) != HPDF_OK)
        throw std::runtime_error("libharu: could not save the PDF");
    std::string out(HPDF_GetStreamSize(pdf), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
    HPDF_ResetStream(pdf);
    HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
    out.resize(size);
    return out;
}

} // namespace asamblea::server
