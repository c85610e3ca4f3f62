#include "server/views/svg_bars.hpp"

#include "server/views/xml_text.hpp"

#include <algorithm>

namespace asamblea::server {
namespace {

constexpr int svg_width = 760;
constexpr int svg_label_width = 220;
constexpr int svg_note_width = 210;
constexpr int svg_row_height = 34;
constexpr int svg_bar_height = 22;
constexpr int svg_top = 64; // title line and legend above the rows

// At most `n` characters (UTF-8 code points), with "…" when cut.
std::string svg_cut(std::string_view text, std::size_t n) {
    std::size_t points = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
            continue;
        if (points == n)
            return std::string(text.substr(0, i)) + "…";
        ++points;
    }
    return std::string(text);
}

std::string svg_num(long long v) {
    return std::to_string(v);
}

} // namespace

std::string svg_bars(const svg_bar_chart& chart) {
    const int rows = static_cast<int>(chart.rows.size());
    const int height = svg_top + std::max(rows, 1) * svg_row_height + 12;
    const int bar_x = svg_label_width;
    const int bar_w = svg_width - svg_label_width - svg_note_width;
    std::int64_t max_value = 0;
    for (const auto& r : chart.rows)
        for (auto v : r.values)
            max_value = std::max(max_value, v);

    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
                      svg_num(svg_width) + " " + svg_num(height) + "\" width=\"" +
                      svg_num(svg_width) + "\" height=\"" + svg_num(height) + "\" aria-label=\"" +
                      xml_escape(chart.title) +
                      "\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" "
                      "font-size=\"14\">\n";
    out += "<title>" + xml_escape(chart.title) + "</title>\n";
    out += "<desc>" + xml_escape(chart.description) + "</desc>\n";
    out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    out += "<text x=\"0\" y=\"20\" font-size=\"16\" font-weight=\"bold\" fill=\"#1a1a1a\">" +
           xml_escape(chart.title) + "</text>\n";
    // The legend: a swatch and a word for each series (never colour alone).
    int x = 0;
    for (const auto& s : chart.series) {
        out += "<rect x=\"" + svg_num(x) + "\" y=\"34\" width=\"16\" height=\"16\" fill=\"" +
               xml_escape(s.color) + "\" stroke=\"#1a1a1a\" stroke-width=\"0.5\"/>";
        out += "<text x=\"" + svg_num(x + 22) + "\" y=\"47\" fill=\"#1a1a1a\">" +
               xml_escape(s.name) + "</text>\n";
        x += 40 + static_cast<int>(s.name.size()) * 8;
    }
    if (rows == 0) {
        out += "<text x=\"" + svg_num(svg_width / 2) + "\" y=\"" +
               svg_num(svg_top + svg_row_height / 2 + 5) +
               "\" text-anchor=\"middle\" fill=\"#4a4a4a\">" + xml_escape(chart.empty_text) +
               "</text>\n";
    }
    for (int i = 0; i < rows; ++i) {
        const auto& r = chart.rows[static_cast<std::size_t>(i)];
        const int y = svg_top + i * svg_row_height;
        const int text_y = y + svg_bar_height / 2 + 5;
        out += "<g>\n<text x=\"" + svg_num(svg_label_width - 8) + "\" y=\"" + svg_num(text_y) +
               "\" text-anchor=\"end\" fill=\"#1a1a1a\">" + xml_escape(svg_cut(r.label, 30)) +
               "</text>\n";
        // Widest first, so every narrower bar stays visible in front of it.
        std::vector<std::size_t> order;
        for (std::size_t k = 0; k < r.values.size() && k < chart.series.size(); ++k)
            order.push_back(k);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return r.values[a] > r.values[b]; });
        for (auto k : order) {
            auto v = std::max<std::int64_t>(r.values[k], 0);
            long long w =
                max_value > 0
                    ? static_cast<long long>(static_cast<double>(v) * bar_w / max_value + 0.5)
                    : 0;
            if (v > 0 && w < 2)
                w = 2; // something is there: show it
            std::string tip = r.label + " — " + chart.series[k].name + ": " +
                              (k < r.value_texts.size() ? r.value_texts[k] : svg_num(v));
            out += "<rect x=\"" + svg_num(bar_x) + "\" y=\"" + svg_num(y) + "\" width=\"" +
                   svg_num(w) + "\" height=\"" + svg_num(svg_bar_height) + "\" fill=\"" +
                   xml_escape(chart.series[k].color) + "\"><title>" + xml_escape(tip) +
                   "</title></rect>\n";
        }
        out += "<text x=\"" + svg_num(svg_width - svg_note_width + 8) + "\" y=\"" +
               svg_num(text_y) + "\" fill=\"#1a1a1a\">" + xml_escape(r.note) + "</text>\n</g>\n";
    }
    return out + "</svg>\n";
}

} // namespace asamblea::server
