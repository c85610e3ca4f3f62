#include "server/views/pdf_writer.hpp"

#include <hpdf.h>
#include <qrencode.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace asamblea::server {
namespace {

constexpr float page_width = 595.276F; // A4 in points
constexpr float page_height = 841.89F;

} // namespace

namespace pdf_detail {

// libharu reports errors through a callback; the first one is kept and thrown at finish().
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

} // namespace pdf_detail

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

struct pdf_writer::state {
    pdf_style style;
    pdf_detail::pdf_error err; // before doc: the callback writes here until HPDF_Free
    std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, void (*)(HPDF_Doc)> doc{nullptr, HPDF_Free};
    HPDF_Font regular = nullptr;
    HPDF_Font bold = nullptr;
    HPDF_Page page = nullptr;
    std::vector<HPDF_Page> all_pages; // their footers are written at the end, with the total
    float y = 0;
    int pages = 0;

    /// CP1252 text broken into lines no wider than `width`.
    std::vector<std::string> wrap(const std::string& text, HPDF_Font font, float size,
                                  float width) {
        std::vector<std::string> lines;
        std::string line;
        std::size_t i = 0;
        while (i < text.size()) {
            auto end = text.find(' ', i);
            if (end == std::string::npos)
                end = text.size();
            std::string word = text.substr(i, end - i);
            std::string candidate = line.empty() ? word : line + " " + word;
            if (!line.empty() && measure(candidate, font, size) > width) {
                lines.push_back(std::move(line));
                line = word;
            } else {
                line = std::move(candidate);
            }
            i = end + 1;
        }
        if (!line.empty() || text.empty())
            lines.push_back(std::move(line));
        return lines;
    }

    void footer(HPDF_Page p, int number) {
        // What the document is and the page number at the foot, so a loose sheet is placed.
        auto foot = utf8_to_cp1252((style.footer.empty() ? "" : style.footer + " · ") + "Página " +
                                   std::to_string(number) + " de " + std::to_string(pages));
        HPDF_Page_BeginText(p);
        HPDF_Page_SetFontAndSize(p, regular, 8);
        HPDF_Page_TextOut(p, page_width - style.margin - HPDF_Page_TextWidth(p, foot.c_str()),
                          style.margin - 20, foot.c_str());
        HPDF_Page_EndText(p);
    }

    float measure(const std::string& text, HPDF_Font font, float size) {
        HPDF_Page_SetFontAndSize(page, font, size);
        return HPDF_Page_TextWidth(page, text.c_str());
    }

    void put(const std::string& text, HPDF_Font font, float size, float x) {
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, size);
        HPDF_Page_TextOut(page, x, y - size, text.c_str());
        HPDF_Page_EndText(page);
    }

    void new_page() {
        page = HPDF_AddPage(doc.get());
        HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        ++pages;
        all_pages.push_back(page);
        y = page_height - style.margin;
        if (!style.banner.empty()) {
            HPDF_Page_SetRGBFill(page, 0.75F, 0.1F, 0.1F);
            put(utf8_to_cp1252(style.banner), bold, 11, style.margin);
            HPDF_Page_SetRGBFill(page, 0, 0, 0);
            y -= 22;
        }
    }
};

pdf_writer::pdf_writer(pdf_style style) : s_(std::make_unique<state>()) {
    s_->style = std::move(style);
    s_->doc.reset(HPDF_New(pdf_detail::on_error, &s_->err));
    if (!s_->doc)
        throw std::runtime_error("libharu: HPDF_New failed");
    HPDF_Doc pdf = s_->doc.get();
    HPDF_SetCompressionMode(pdf, s_->style.compress ? HPDF_COMP_ALL : HPDF_COMP_NONE);
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "asamblea");
    if (!s_->style.title.empty())
        HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, utf8_to_cp1252(s_->style.title).c_str());
    s_->regular = HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding");
    s_->bold = HPDF_GetFont(pdf, "Helvetica-Bold", "WinAnsiEncoding");
    s_->new_page();
}

pdf_writer::~pdf_writer() = default;

void pdf_writer::para(std::string_view utf8, float size, bool bold, float indent) {
    auto& s = *s_;
    if (size <= 0)
        size = s.style.text_size;
    auto text = utf8_to_cp1252(utf8);
    HPDF_Font font = bold ? s.bold : s.regular;
    float width = page_width - 2 * s.style.margin - indent;
    float leading = size * 1.35F;
    for (const auto& line : s.wrap(text, font, size, width)) {
        room(leading);
        s.put(line, font, size, s.style.margin + indent);
        s.y -= leading;
    }
}

void pdf_writer::row(std::string_view label, const std::vector<std::string>& cells, bool bold,
                     float indent, float column, float size) {
    auto& s = *s_;
    HPDF_Font font = bold ? s.bold : s.regular;
    float leading = size * 1.45F;
    // The cells first, so the label wraps to end before the leftmost of them: a long supplier
    // name takes two lines instead of running under the date.
    std::vector<std::pair<std::string, float>> placed;
    float right = page_width - s.style.margin;
    float cells_start = right;
    for (auto it = cells.rbegin(); it != cells.rend(); ++it) {
        auto text = utf8_to_cp1252(*it);
        float x = right - s.measure(text, font, size);
        cells_start = std::min(cells_start, x);
        placed.emplace_back(std::move(text), x);
        right -= column;
    }
    constexpr float cell_gap = 8;
    float x0 = s.style.margin + indent;
    float width = std::max(cells_start - cell_gap - x0, 40.F);
    auto lines = s.wrap(utf8_to_cp1252(label), font, size, width);
    room(leading * static_cast<float>(lines.size()));
    for (const auto& [text, x] : placed)
        s.put(text, font, size, x);
    for (const auto& line : lines) {
        s.put(line, font, size, x0);
        s.y -= leading;
    }
}

void pdf_writer::gap(float points) {
    s_->y -= points;
}

void pdf_writer::rule() {
    auto& s = *s_;
    room(8);
    HPDF_Page_SetLineWidth(s.page, 0.5F);
    HPDF_Page_MoveTo(s.page, s.style.margin, s.y);
    HPDF_Page_LineTo(s.page, page_width - s.style.margin, s.y);
    HPDF_Page_Stroke(s.page);
    s.y -= 10;
}

void pdf_writer::room(float points) {
    if (s_->y - points < s_->style.margin + 20)
        s_->new_page();
}

void pdf_writer::qr(std::string_view text, float side, const std::vector<pdf_run>& beside) {
    auto& s = *s_;
    std::string input(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code)
        throw std::runtime_error("libqrencode: could not encode the QR code");
    const float x_text = s.style.margin + side + 14;
    const float width = page_width - s.style.margin - x_text;
    struct laid_out {
        std::vector<std::string> lines;
        HPDF_Font font;
        float size;
    };
    std::vector<laid_out> runs;
    float text_height = 0;
    for (const auto& r : beside) {
        float size = r.size > 0 ? r.size : s.style.text_size;
        HPDF_Font font = r.bold ? s.bold : s.regular;
        runs.push_back({s.wrap(utf8_to_cp1252(r.utf8), font, size, width), font, size});
        text_height += static_cast<float>(runs.back().lines.size()) * size * 1.35F;
    }
    room(std::max(side, text_height) + 4);
    const float top = s.y;
    // The symbol as filled runs of dark modules, with the 4-module quiet zone scanners need.
    constexpr int quiet = 4;
    const int n = code->width;
    const float module = side / static_cast<float>(n + 2 * quiet);
    HPDF_Page_SetRGBFill(s.page, 0, 0, 0);
    for (int row = 0; row < n; ++row) {
        int col = 0;
        while (col < n) {
            if (!(code->data[row * n + col] & 1)) {
                ++col;
                continue;
            }
            int run = 1;
            while (col + run < n && (code->data[row * n + col + run] & 1))
                ++run;
            HPDF_Page_Rectangle(s.page, s.style.margin + static_cast<float>(col + quiet) * module,
                                top - static_cast<float>(row + quiet + 1) * module,
                                static_cast<float>(run) * module, module * 1.02F);
            col += run;
        }
    }
    HPDF_Page_Fill(s.page);
    s.y = top - quiet * module;
    for (const auto& r : runs)
        for (const auto& line : r.lines) {
            s.put(line, r.font, r.size, x_text);
            s.y -= r.size * 1.35F;
        }
    s.y = std::min(s.y, top - side) - 4;
}

void pdf_writer::signatures(const std::vector<pdf_signer>& signers) {
    auto& s = *s_;
    constexpr float between = 36; // between the two columns
    constexpr float to_sign = 40; // blank space above the line
    const float column = (page_width - 2 * s.style.margin - between) / 2;
    for (std::size_t i = 0; i < signers.size(); i += 2) {
        std::vector<std::vector<std::string>> names, capacities;
        float height = 0;
        for (std::size_t k = i; k < std::min(i + 2, signers.size()); ++k) {
            names.push_back(s.wrap(utf8_to_cp1252(signers[k].name), s.bold, 10, column));
            capacities.push_back(s.wrap(utf8_to_cp1252(signers[k].capacity), s.regular, 9, column));
            height = std::max(height, static_cast<float>(names.back().size()) * 13.5F +
                                          static_cast<float>(capacities.back().size()) * 12.F);
        }
        room(to_sign + height + 12);
        const float line_y = s.y - to_sign;
        for (std::size_t k = 0; k < names.size(); ++k) {
            float x = s.style.margin + static_cast<float>(k) * (column + between);
            HPDF_Page_SetLineWidth(s.page, 0.7F);
            HPDF_Page_MoveTo(s.page, x, line_y);
            HPDF_Page_LineTo(s.page, x + column, line_y);
            HPDF_Page_Stroke(s.page);
            s.y = line_y - 4;
            for (const auto& line : names[k]) {
                s.put(line, s.bold, 10, x);
                s.y -= 13.5F;
            }
            for (const auto& line : capacities[k]) {
                s.put(line, s.regular, 9, x);
                s.y -= 12.F;
            }
        }
        s.y = line_y - 4 - height - 12;
    }
}

std::string pdf_writer::finish() {
    auto& s = *s_;
    HPDF_Doc pdf = s.doc.get();
    int number = 0;
    for (auto* p : s.all_pages)
        s.footer(p, ++number);
    if (s.err.code != 0)
        throw std::runtime_error("libharu error " + std::to_string(s.err.code) + "/" +
                                 std::to_string(s.err.detail));
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
