#include "server/views/acta_pdf.hpp"

#include "server/views/pdf_writer.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

namespace asamblea::server {
namespace {

std::string fmt_count(std::int64_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

} // namespace

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
    // "9:30 h" as the pages write it (web/js/words.js fmtFecha), never "09:30 h".
    char clock[8];
    std::snprintf(clock, sizeof clock, "%d:%02d", static_cast<int>(hm.hours().count()),
                  static_cast<int>(hm.minutes().count()));
    return std::string(weekdays[weekday{day_start}.c_encoding()]) + " " +
           std::to_string(static_cast<unsigned>(lymd.day())) + " de " +
           months[static_cast<unsigned>(lymd.month()) - 1] + " de " +
           std::to_string(static_cast<int>(lymd.year())) + ", " + clock + " h";
}

std::string hora_local(std::string_view iso) {
    // The hour is the last part of the long date: "…, 11:05 h".
    auto long_date = fecha_larga(iso);
    if (long_date == iso)
        return long_date;
    auto comma = long_date.rfind(", ");
    return comma == std::string::npos ? long_date : long_date.substr(comma + 2);
}

namespace {

std::string when_or(const std::string& iso, std::string_view otherwise) {
    return iso.empty() ? std::string(otherwise) : fecha_larga(iso);
}

void acta_times(pdf_writer& w, const acta_data& a) {
    w.para("Fecha programada: " + when_or(a.scheduled_at, "sin fecha") +
           " (hora del centro de México)");
    w.para("Apertura del registro: " + when_or(a.registro_at, "no se abrió") + ".");
    w.para("Inicio de la sesión: " + when_or(a.opened_at, "no se inició") + ".");
    for (const auto& p : a.pauses)
        w.para("Suspendida de " + hora_local(p.from) + " a " +
                   (p.to.empty() ? std::string("(no se reanudó)") : hora_local(p.to)) + ".",
               10, false, 14);
    w.para("Cierre de la asamblea: " + when_or(a.closed_at, "aún no se cierra") + ".");
}

void acta_attendance(pdf_writer& w, const acta_data& a) {
    w.para("Asistencia registrada: " + fmt_count(a.attendance, "persona", "personas") +
           ". Quórum mínimo: " + std::to_string(a.quorum_min) + " (" +
           (a.quorum_met ? "se alcanzó" : "no se alcanzó") + ").");
    w.para("Por sexo: " + fmt_count(a.mujeres, "mujer", "mujeres") + ", " +
               fmt_count(a.hombres, "hombre", "hombres") + ", " + std::to_string(a.otro_sexo) +
               " de otro sexo.",
           10.5F, false, 14);
    if (a.staff.empty()) {
        w.para("Moderación: no consta en el registro.");
        return;
    }
    std::string names;
    for (const auto& s : a.staff)
        names += (names.empty() ? "" : "; ") + s.username + " (" + s.role + ")";
    w.para("Condujeron la asamblea: " + names + ".");
}

void acta_proposals(pdf_writer& w, const acta_data& a) {
    w.para("Propuestas", 14, true);
    if (a.proposals.empty())
        w.para("No se registraron propuestas.");
    int n = 0;
    for (const auto& p : a.proposals) {
        w.room(40);
        w.para(std::to_string(++n) + ". " + p.title + " (" + p.category + ", " + p.cost + ")",
               10.5F, true, 0);
        w.para(p.fate, 10, false, 14);
    }
}

void acta_incidents(pdf_writer& w, const acta_data& a) {
    w.para("Incidencias", 14, true);
    if (a.incidents.empty()) {
        w.para("La moderación no anotó incidencias.");
        return;
    }
    for (const auto& i : a.incidents)
        w.para(hora_local(i.at) + (i.by.empty() ? std::string() : " (" + i.by + ")") + ": " +
                   i.text,
               10, false, 0);
}

void acta_signatures(pdf_writer& w, const acta_data& a) {
    std::vector<pdf_signer> signers;
    for (const auto& s : a.staff)
        signers.push_back({s.username, "Moderación de la asamblea (" + s.role + ")"});
    if (a.staff.empty())
        signers.push_back({"Nombre:", "Moderación de la asamblea"});
    for (const auto& m : a.committee)
        signers.push_back({m.nombre, m.role + " del COSABI"});
    w.room(120);
    w.para("Firmas", 14, true);
    w.para("Firman quienes condujeron la asamblea y las personas electas al COSABI.", 10);
    w.signatures(signers);
}

// The technical annex: each round's counting rule by its technical name (the body uses the plain
// one), for whoever checks the count with another implementation.
void acta_annex(pdf_writer& w, const acta_data& a) {
    bool any = std::any_of(a.rounds.begin(), a.rounds.end(),
                           [](const auto& r) { return !r.rule_technical.empty(); });
    if (!any)
        return;
    w.gap(6);
    w.rule();
    w.room(60);
    w.para("Anexo técnico: reglas de conteo", 12, true);
    w.para("El nombre técnico de la regla de cada votación, como aparece en la documentación del "
           "sistema y en los datos abiertos.",
           9.5F);
    int n = 0;
    for (const auto& r : a.rounds) {
        ++n;
        if (!r.rule_technical.empty())
            w.para(std::to_string(n) + ". " + r.title + ": " + r.rule_technical + ".", 9.5F, false,
                   14);
    }
}

void acta_chain(pdf_writer& w, const acta_data& a) {
    w.room(190);
    w.para("Bitácora verificable", 14, true);
    std::vector<pdf_run> beside;
    beside.push_back(
        {a.chain_is_close
             ? "Cierre de la asamblea en la bitácora: evento " + std::to_string(a.chain_seq) + "."
             : "Cabeza de la cadena de la bitácora: evento " + std::to_string(a.chain_seq) + ".",
         0, false});
    beside.push_back({"sha256: " + a.chain_hash, 8.5F, false});
    if (!a.public_page.empty())
        beside.push_back(
            {"Compruébela en la página pública de la unidad: " + a.public_page, 9.5F, false});
    if (a.public_page.empty())
        for (const auto& r : beside)
            w.para(r.utf8, r.size);
    else
        w.qr(a.public_page, 110, beside);
    w.para("Cómo verificarla: la orden «asamblea verify» recalcula toda la bitácora (cada "
           "eslabón es el sha256 del anterior más el evento) y cada conteo desde las boletas "
           "guardadas. Si el evento " +
               std::to_string(a.chain_seq) +
               " de la cadena recalculada tiene este mismo hash, nada de lo escrito hasta " +
               (a.chain_is_close ? std::string("el cierre de la asamblea")
                                 : std::string("la impresión de esta acta")) +
               " se cambió después.",
           10);
}

} // namespace

std::string build_acta_pdf(const acta_data& a) {
    pdf_writer w({.margin = 56.0F,
                  .text_size = 10.5F,
                  .title = "Acta de la asamblea comunitaria " + a.clues,
                  .footer = "Acta " + a.clues + " " + std::to_string(a.edition),
                  .banner = a.draft ? "BORRADOR — este documento aún no es el acta definitiva" : "",
                  .compress = false});
    w.para("Acta de la asamblea comunitaria", 18, true);
    w.gap(4);
    w.para(a.clinic_name, 13, true);
    w.para("CLUES " + a.clues);
    if (!a.municipio.empty() || !a.entidad.empty())
        w.para(a.municipio + (a.municipio.empty() || a.entidad.empty() ? "" : ", ") + a.entidad);
    w.para("Edición " + std::to_string(a.edition));
    acta_times(w, a);
    w.para("Estado de la asamblea: " + a.state);
    acta_attendance(w, a);
    w.gap(6);
    w.rule();

    acta_proposals(w, a);
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
        w.para("Tipo: " + r.kind + ". Boletas contadas: " + std::to_string(r.ballots) + ".");
        // The rule by what it does; its technical name is in the annex.
        if (!r.rule.empty())
            w.para("Regla para contar: " + r.rule + ".");
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
    acta_incidents(w, a);

    w.gap(6);
    w.rule();
    acta_signatures(w, a);

    w.gap(6);
    w.rule();
    acta_chain(w, a);
    w.gap(6);
    w.para("Generada el " + fecha_larga(a.generated_at) + " (hora del centro de México).", 9);
    acta_annex(w, a);

    return w.finish();
}

} // namespace asamblea::server
