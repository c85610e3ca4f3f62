#include "server/views/open_followup_csv.hpp"

#include "domain/tally/decimal_amount.hpp"

namespace asamblea::server {
namespace {

bool is_number(std::string_view s) {
    if (!s.empty() && s.front() == '-')
        s.remove_prefix(1);
    return !s.empty() && s.find_first_not_of("0123456789.") == std::string_view::npos;
}

// RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled. Text that a
// spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe: a supplier
// named "=HYPERLINK(...)" must stay a name on an auditor's screen (OWASP's CSV injection advice).
std::string field(std::string_view text) {
    std::string s(text);
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos &&
        !is_number(s))
        s.insert(s.begin(), '\'');
    if (s.find_first_of(",\"\r\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char ch : s)
        out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

std::string pesos(domain::centavos c) {
    return c < 0 ? "-" + domain::format_decimal(-c, 2) : domain::format_decimal(c, 2);
}

std::string row(std::initializer_list<std::string> fields) {
    std::string out;
    for (const auto& f : fields)
        out += (out.empty() ? "" : ",") + field(f);
    return out + "\n";
}

std::string yes_no(bool b) {
    return b ? "true" : "false";
}

} // namespace

std::optional<open_csv_table> parse_open_csv_table(std::string_view name) {
    for (auto t : {open_csv_table::works, open_csv_table::quotes, open_csv_table::expenses,
                   open_csv_table::evidence})
        if (to_string(t) == name)
            return t;
    return std::nullopt;
}

std::string_view to_string(open_csv_table t) {
    switch (t) {
    case open_csv_table::works:
        return "works";
    case open_csv_table::quotes:
        return "quotes";
    case open_csv_table::expenses:
        return "expenses";
    case open_csv_table::evidence:
        return "evidence";
    }
    return "works";
}

std::string open_followup_csv(const std::vector<app::open_clinic_followup>& clinics,
                              open_csv_table table) {
    std::string out;
    switch (table) {
    case open_csv_table::works:
        out = "clues,clinica,edicion,obra_id,titulo,categoria,monto_aprobado,estado,cantidad,"
              "creada,actualizada,contratada,entregada,verificada,cancelada\n";
        break;
    case open_csv_table::quotes:
        out = "clues,edicion,obra_id,cotizacion_id,proveedor,rfc,monto,fecha,elegida,"
              "motivo_eleccion,sha256\n";
        break;
    case open_csv_table::expenses:
        out = "clues,edicion,obra_id,gasto_id,rfc_emisor,emisor,monto,uuid_cfdi,fecha,anulado,"
              "motivo_anulacion,xml_sha256,pdf_sha256\n";
        break;
    case open_csv_table::evidence:
        out = "clues,edicion,obra_id,evidencia_id,tipo,sha256,mime,fecha_toma\n";
        break;
    }
    for (const auto& c : clinics)
        for (const auto& w : c.works) {
            const std::string clues = c.clinic.clues, edition = std::to_string(w.edition),
                              work = std::to_string(w.id);
            switch (table) {
            case open_csv_table::works:
                out += row({clues, c.clinic.nombre, edition, work, w.title,
                            std::string(domain::to_string(w.category)), pesos(w.approved),
                            std::string(domain::to_string(w.state)), std::to_string(w.quantity),
                            w.created_at, w.updated_at, w.contracted_at, w.delivered_at,
                            w.verified_at, w.cancelled_at});
                break;
            case open_csv_table::quotes:
                for (const auto& q : w.quotes)
                    out += row({clues, edition, work, std::to_string(q.id), q.supplier, q.rfc,
                                pesos(q.amount), q.date, yes_no(q.chosen),
                                q.chosen ? w.chosen_reason : std::string{}, q.file_sha256});
                break;
            case open_csv_table::expenses:
                for (const auto& e : w.expenses)
                    out += row({clues, edition, work, std::to_string(e.id), e.supplier_rfc,
                                e.supplier_name, pesos(e.amount), e.cfdi_uuid, e.date,
                                yes_no(e.voided), e.void_reason, e.xml_sha256, e.pdf_sha256});
                break;
            case open_csv_table::evidence:
                for (const auto& e : w.evidence)
                    out +=
                        row({clues, edition, work, std::to_string(e.id),
                             std::string(domain::to_string(e.kind)), e.sha256, e.mime, e.taken_on});
                break;
            }
        }
    return out;
}

} // namespace asamblea::server
