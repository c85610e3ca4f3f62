#include "server/views/acta_pdf.hpp"

#include <hpdf.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <type_traits>

namespace asamblea::server {
namespace {

constexpr float page_width = 595.276F; // A4 in points
constexpr float page_height = 841.89F;
constexpr float margin = 56.0F;

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

/// Writes lines top to bottom, wrapping words and starting new pages as needed.
class writer {
public:
    writer(HPDF_Doc pdf, bool draft) : pdf_(pdf), draft_(draft) {
        regular_ = HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding");
        bold_ = HPDF_GetFont(pdf, "Helvetica-Bold", "WinAnsiEncoding");
        new_page();
    }

    /// A paragraph in UTF-8, wrapped to the text width (less `indent`).
    void para(std::string_view utf8, float size = 10.5F, bool bold = false, float indent = 0) {
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

    void gap(float points) { y_ -= points; }

    /// A thin rule across the text width.
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
        // Page number at the foot.
        auto number = utf8_to_cp1252("Página " + std::to_string(pages_));
        HPDF_Page_BeginText(page_);
        HPDF_Page_SetFontAndSize(page_, regular_, 8);
        HPDF_Page_TextOut(page_, page_width - margin - HPDF_Page_TextWidth(page_, number.c_str()),
                          margin - 20, number.c_str());
        HPDF_Page_EndText(page_);
        if (draft_) {
            HPDF_Page_SetRGBFill(page_, 0.75F, 0.1F, 0.1F);
            put(utf8_to_cp1252("BORRADOR — este documento aún no es el acta definitiva"), bold_, 11,
                margin);
            HPDF_Page_SetRGBFill(page_, 0, 0, 0);
            y_ -= 22;
        }
    }

    HPDF_Doc pdf_;
    bool draft_;
    HPDF_Font regular_ = nullptr;
    HPDF_Font bold_ = nullptr;
    HPDF_Page page_ = nullptr;
    float y_ = 0;
    int pages_ = 0;
};

std::string fmt_count(std::int64_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

} // namespace

std::string utf8_to_cp1252(std::string_view in) {
    // Code points 0x80–0x9F of Windows-1252, for the characters outside Latin-1.
    static constexpr std::array<std::pair<char32_t, unsigned char>, 27> extra = {{
        {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85},
        {0x2020, 0x86}, {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A},
        {0x2039, 0x8B}, {0x0152, 0x8C}, {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92},
        {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97},
        {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B}, {0x0153, 0x9C},
        {0x017E, 0x9E}, {0x0178, 0x9F},
    }};
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    while (i < in.size()) {
        auto c = static_cast<unsigned char>(in[i]);
        char32_t cp = 0;
        std::size_t len = 1;
        if (c < 0x80)
            cp = c;
        else if ((c & 0xE0) == 0xC0)
            cp = c & 0x1F, len = 2;
        else if ((c & 0xF0) == 0xE0)
            cp = c & 0x0F, len = 3;
        else if ((c & 0xF8) == 0xF0)
            cp = c & 0x07, len = 4;
        else
            cp = 0xFFFD;
        bool ok = i + len <= in.size();
        for (std::size_t k = 1; ok && k < len; ++k) {
            auto cc = static_cast<unsigned char>(in[i + k]);
            ok = (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!ok)
            cp = 0xFFFD, len = 1;
        i += len;
        if (cp == '\n' || cp == '\r' || cp == '\t' || cp == 0x00A0)
            out.push_back(' ');
        else if (cp >= 0x20 && cp < 0x7F)
            out.push_back(static_cast<char>(cp));
        else if (cp >= 0xA1 && cp <= 0xFF)
            out.push_back(static_cast<char>(static_cast<unsigned char>(cp)));
        else {
            char mapped = '?';
            for (const auto& [from, to] : extra)
                if (from == cp)
                    mapped = static_cast<char>(to);
            out.push_back(mapped);
        }
    }
    return out;
}

std::string fecha_larga(std::string_view iso) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    std::string text(iso);
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5)
        return text;
    using namespace std::chrono;
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return text;
    auto local = sys_days{ymd} + hours{h} + minutes{mi} - hours{6}; // Mexico City, UTC−6
    auto day_start = floor<days>(local);
    year_month_day lymd{day_start};
    auto hm = hh_mm_ss{local - day_start};
    static constexpr std::array<const char*, 7> weekdays = {
        "domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"};
    static constexpr std::array<const char*, 12> months = {
        "enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
        "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
    char clock[8];
    std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(hm.hours().count()),
                  static_cast<int>(hm.minutes().count()));
    return std::string(weekdays[weekday{day_start}.c_encoding()]) + " " +
           std::to_string(static_cast<unsigned>(lymd.day())) + " de " +
           months[static_cast<unsigned>(lymd.month()) - 1] + " de " +
           std::to_string(static_cast<int>(lymd.year())) + ", " + clock + " h";
}

std::string build_acta_pdf(const acta_data& a) {
    pdf_error err;
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, void (*)(HPDF_Doc)> doc(
        HPDF_New(on_error, &err), HPDF_Free);
    if (!doc)
        throw std::runtime_error("libharu: HPDF_New failed");
    HPDF_Doc pdf = doc.get();
    // Uncompressed, so the text stays searchable in the raw bytes (tests, grep).
    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "asamblea");
    HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE,
                     utf8_to_cp1252("Acta de la asamblea comunitaria " + a.clues).c_str());

    writer w(pdf, a.draft);
    w.para("Acta de la asamblea comunitaria", 18, true);
    w.gap(4);
    w.para(a.clinic_name, 13, true);
    w.para("CLUES " + a.clues);
    if (!a.municipio.empty() || !a.entidad.empty())
        w.para(a.municipio + (a.municipio.empty() || a.entidad.empty() ? "" : ", ") + a.entidad);
    w.para("Edición " + std::to_string(a.edition));
    w.para("Fecha programada: " +
           (a.scheduled_at.empty() ? std::string("sin fecha") : fecha_larga(a.scheduled_at)) +
           " (hora del centro de México)");
    w.para("Estado de la asamblea: " + a.state);
    w.para("Asistencia registrada: " + fmt_count(a.attendance, "persona", "personas") +
           ". Quórum mínimo: " + std::to_string(a.quorum_min) + " (" +
           (a.quorum_met ? "se alcanzó" : "no se alcanzó") + ").");
    w.gap(6);
    w.rule();

    w.para("Votaciones", 14, true);
    if (a.rounds.empty())
        w.para("No se cerró ninguna votación.");
    int n = 0;
    for (const auto& r : a.rounds) {
        w.room(80);
        w.gap(4);
        w.para(std::to_string(++n) + ". " + r.title, 12, true);
        std::string facts = "Tipo: " + r.kind;
        if (!r.rule.empty())
            facts += ". Regla: " + r.rule;
        facts += ". Boletas contadas: " + std::to_string(r.ballots) + ".";
        w.para(facts);
        if (!r.revealed) {
            w.para("El resultado aún no se ha dado a conocer.", 10.5F, false, 14);
            continue;
        }
        if (!r.quorum_met) {
            std::string numbers;
            if (r.present >= 0 && r.quorum >= 0)
                numbers = " (" +
                          fmt_count(r.present, "asistente presente", "asistentes presentes") +
                          "; se requerían " + std::to_string(r.quorum) + ")";
            w.para("Sin quórum al cerrar" + numbers + ": resultado no válido.", 10.5F, true, 14);
        }
        for (const auto& line : r.lines) {
            w.para(line.label + " — " + fmt_count(line.votes, "voto", "votos") +
                       (line.selected && r.quorum_met ? " (seleccionada)" : ""),
                   10.5F, true, 14);
            if (!line.explanation.empty())
                w.para(line.explanation, 10, false, 28);
        }
        if (!r.summary.empty())
            w.para("Resumen: " + r.summary, 10.5F, false, 14);
    }

    if (!a.committee.empty()) {
        w.gap(6);
        w.rule();
        w.para("COSABI electo", 14, true);
        for (const auto& m : a.committee)
            w.para(m.role + ": " + m.nombre, 10.5F, false, 14);
    }

    w.gap(6);
    w.rule();
    w.para("Bitácora verificable", 14, true);
    w.para(a.chain_is_close
               ? "Cierre de la asamblea en la bitácora: evento " + std::to_string(a.chain_seq) + "."
               : "Cabeza de la cadena de la bitácora: evento " + std::to_string(a.chain_seq) + ".");
    w.para("sha256: " + a.chain_hash, 9.5F);
    w.para("Cómo verificarla: la orden «asamblea verify» recalcula toda la bitácora (cada "
           "eslabón es el sha256 del anterior más el evento) y cada conteo desde las boletas "
           "guardadas. Si el evento " +
               std::to_string(a.chain_seq) +
               " de la cadena recalculada tiene este mismo hash, nada de lo escrito hasta " +
               (a.chain_is_close ? std::string("el cierre de la asamblea")
                                 : std::string("la impresión de esta acta")) +
               " se cambió después.",
           10);
    w.gap(6);
    w.para("Generada el " + fecha_larga(a.generated_at) + " (hora del centro de México).", 9);

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
