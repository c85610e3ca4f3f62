#pragma once
/// A horizontal bar chart drawn by the server as SVG (web/ has no build step and no charting
/// library): one row per label, each row's series drawn over each other from zero, widest
/// behind, so "asignado ≥ ejercido ≥ comprobado" reads as nested bars. Accessible (role="img",
/// <title>, <desc>, a <title> per bar with its figures) and every text escaped.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::server {

struct svg_series {
    std::string name;  // in the legend, e.g. "Asignado"
    std::string color; // a fill colour, "#1f5f8b"; written as given (the caller's constant)
};

struct svg_bar_row {
    std::string label;                    // on the left, cut to 30 characters with "…"
    std::vector<std::int64_t> values;     // one per series, ≥ 0 (negatives are drawn as 0)
    std::vector<std::string> value_texts; // one per series, for the bar's <title>
    std::string note;                     // on the right of the row, e.g. "80 % comprobado"
};

struct svg_bar_chart {
    std::string title;       // the chart's <title> and aria-label
    std::string description; // its <desc>
    std::vector<svg_series> series;
    std::vector<svg_bar_row> rows;
    std::string empty_text = "Sin datos";
};

/// The whole SVG document.
std::string svg_bars(const svg_bar_chart& chart);

} // namespace asamblea::server
