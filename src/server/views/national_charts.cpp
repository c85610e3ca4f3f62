#include "server/views/national_charts.hpp"

#include "server/views/svg_bars.hpp"

namespace asamblea::server {
namespace {

constexpr std::size_t unproven_chart_rows = 15;

// Told apart by lightness as well as hue, and named in the legend.
const std::vector<svg_series>& money_series() {
    static const std::vector<svg_series> s = {
        {"Asignado", "#c9dcec"}, {"Ejercido", "#d98b1e"}, {"Comprobado", "#1e6b45"}};
    return s;
}

std::string edition_words(const app::national_followup& v) {
    return v.edition ? " (" + std::to_string(v.edition) + ")" : std::string{};
}

std::string proven_note(const app::national_money& m) {
    auto p = m.score.proven_percent();
    return p ? std::to_string(*p) + " % comprobado" : std::string("sin gasto aún");
}

svg_bar_row money_row(const std::string& label, const app::national_money& m) {
    return {label,
            {m.ledger.asignado, m.ledger.ejercido, m.ledger.comprobado},
            {domain::format_pesos(m.ledger.asignado), domain::format_pesos(m.ledger.ejercido),
             domain::format_pesos(m.ledger.comprobado)},
            proven_note(m)};
}

} // namespace

std::optional<national_chart> parse_national_chart(std::string_view stem) {
    if (stem == "states")
        return national_chart::states;
    if (stem == "institutions")
        return national_chart::institutions;
    if (stem == "unproven")
        return national_chart::unproven;
    return std::nullopt;
}

std::string national_chart_svg(const app::national_followup& v, national_chart chart) {
    svg_bar_chart c;
    c.series = money_series();
    c.empty_text = "Todavía no hay asambleas cerradas con obras que mostrar";
    switch (chart) {
    case national_chart::states:
    case national_chart::institutions: {
        bool states = chart == national_chart::states;
        c.title = std::string(states ? "Dinero por entidad" : "Dinero por institución") +
                  edition_words(v);
        c.description = std::string("Barras horizontales, una por ") +
                        (states ? "entidad" : "institución") +
                        ": lo asignado a las obras, lo ejercido y lo comprobado con factura, "
                        "en pesos.";
        for (const auto& g : states ? v.by_state : v.by_institution)
            c.rows.push_back(money_row(g.name, g.money));
        break;
    }
    case national_chart::unproven: {
        c.title = "Unidades con más dinero sin comprobar" + edition_words(v);
        c.description = "Las unidades con más dinero ejercido sin comprobar, de mayor a menor: "
                        "lo asignado, lo ejercido y lo comprobado de cada una, en pesos.";
        c.empty_text = "Ninguna unidad tiene dinero ejercido sin comprobar";
        for (std::size_t i = 0; i < v.by_unproven.size() && i < unproven_chart_rows; ++i) {
            const auto& u = v.by_unproven[i];
            auto row = money_row(u.nombre, u.money);
            row.note = domain::format_pesos(u.money.unproven()) + " sin comprobar";
            c.rows.push_back(std::move(row));
        }
        break;
    }
    }
    return svg_bars(c);
}

} // namespace asamblea::server
