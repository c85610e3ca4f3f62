#include "server/views/open_followup_csv.hpp"

#include "server/views/csv_text.hpp"

namespace asamblea::server {
namespace {

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
                out += csv_row({clues, c.clinic.nombre, edition, work, w.title,
                                std::string(domain::to_string(w.category)), csv_pesos(w.approved),
                                std::string(domain::to_string(w.state)), std::to_string(w.quantity),
                                w.created_at, w.updated_at, w.contracted_at, w.delivered_at,
                                w.verified_at, w.cancelled_at});
                break;
            case open_csv_table::quotes:
                for (const auto& q : w.quotes)
                    out += csv_row({clues, edition, work, std::to_string(q.id), q.supplier, q.rfc,
                                    csv_pesos(q.amount), q.date, yes_no(q.chosen),
                                    q.chosen ? w.chosen_reason : std::string{}, q.file_sha256});
                break;
            case open_csv_table::expenses:
                for (const auto& e : w.expenses)
                    out += csv_row({clues, edition, work, std::to_string(e.id), e.supplier_rfc,
                                    e.supplier_name, csv_pesos(e.amount), e.cfdi_uuid, e.date,
                                    yes_no(e.voided), e.void_reason, e.xml_sha256, e.pdf_sha256});
                break;
            case open_csv_table::evidence:
                for (const auto& e : w.evidence)
                    out += csv_row({clues, edition, work, std::to_string(e.id),
                                    std::string(domain::to_string(e.kind)), e.sha256, e.mime,
                                    e.taken_on});
                break;
            }
        }
    return out;
}

} // namespace asamblea::server
