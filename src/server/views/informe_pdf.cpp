#include "server/views/informe_pdf.hpp"

#include "server/views/acta_pdf.hpp"

#include "server/views/pdf_writer.hpp"

#include <array>
#include <cstdio>

namespace asamblea::server {
namespace {

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

// "2025-12-24" → "24 de diciembre de 2025", as the pages write the deadline.
std::string informe_dia_largo(const std::string& ymd) {
    static constexpr std::array<const char*, 12> months = {
        "enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
        "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};
    int y = 0, m = 0, d = 0;
    if (std::sscanf(ymd.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1)
        return ymd;
    return std::to_string(d) + " de " + months[static_cast<std::size_t>(m - 1)] + " de " +
           std::to_string(y);
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
    pdf_writer w({.margin = 50.0F,
                  .text_size = 10.0F,
                  .title = "Informe de seguimiento " + d.clues + " " + std::to_string(d.edition),
                  .footer = d.clues + " · Informe " + std::to_string(d.edition),
                  .banner = "",
                  .compress = false});
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
    // The row wraps a title beside the figures; cut at 60 bytes, it takes at most three lines.
    for (const auto& work : d.works)
        w.row(shortened(work.title, 60), money_cells(work.money));
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
    w.para("Fecha límite para comprobar: " + informe_dia_largo(d.deadline) + "." +
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

    return w.finish();
}

} // namespace asamblea::server
