#include "domain/audit/red_flags.hpp"

#include "domain/followup/civil_date.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace asamblea::domain {

namespace {

struct located_work {
    const flag_clinic* clinic = nullptr;
    const flag_work* work = nullptr;
};

flag_clinic_ref ref_of(const flag_clinic& c) {
    return {c.clues, c.name, c.state};
}

std::string date_part(std::string_view text) {
    return std::string(text.substr(0, std::min<std::size_t>(text.size(), 10)));
}

std::string work_label(const flag_work& w) {
    return "obra " + std::to_string(w.id) + " «" + w.title + "»";
}

std::string short_hash(std::string_view sha) {
    return std::string(sha.substr(0, std::min<std::size_t>(sha.size(), 12)));
}

const flag_quote* chosen_of(const flag_work& w) {
    if (!w.chosen_quote)
        return nullptr;
    for (const auto& q : w.quotes)
        if (q.id == *w.chosen_quote)
            return &q;
    return nullptr;
}

void add_clinic(red_flag& f, const flag_clinic& c) {
    auto r = ref_of(c);
    if (std::find(f.clinics.begin(), f.clinics.end(), r) == f.clinics.end())
        f.clinics.push_back(std::move(r));
}

void add_work(red_flag& f, std::int64_t id) {
    if (std::find(f.work_ids.begin(), f.work_ids.end(), id) == f.work_ids.end())
        f.work_ids.push_back(id);
}

// One clinic's work behind a flag that spans clinics: listed once each, and one line of evidence.
void add_sighting(red_flag& f, const flag_clinic& c, const flag_work& w) {
    add_clinic(f, c);
    add_work(f, w.id);
    f.evidence.push_back(c.clues + " " + c.name + ": " + work_label(w));
}

red_flag single(flag_kind kind, const flag_clinic& c, const flag_work& w, std::string subject) {
    red_flag f;
    f.kind = kind;
    f.key = std::string(to_string(kind)) + ":" + c.clues + ":" + subject;
    f.state = c.state;
    add_clinic(f, c);
    add_work(f, w.id);
    return f;
}

// 1. The same CFDI UUID on more than one expense row: only possible once the first was voided.
void repeated_cfdi(const flag_input& in, std::vector<red_flag>& out) {
    std::map<std::string,
             std::vector<std::tuple<const flag_clinic*, const flag_work*, const flag_expense*>>>
        by_uuid;
    for (const auto& c : in.clinics)
        for (const auto& w : c.works)
            for (const auto& e : w.expenses)
                by_uuid[e.cfdi_uuid].emplace_back(&c, &w, &e);
    std::map<std::string, std::vector<const flag_other_use*>> elsewhere;
    for (const auto& o : in.other_editions)
        elsewhere[o.cfdi_uuid].push_back(&o);
    for (const auto& [uuid, uses] : by_uuid) {
        auto other = elsewhere.find(uuid);
        auto others = other == elsewhere.end() ? std::size_t{0} : other->second.size();
        if (uses.size() + others < 2)
            continue;
        red_flag f;
        f.kind = flag_kind::cfdi_repetido;
        f.key = "cfdi_repetido:" + uuid;
        f.state = std::get<0>(uses.front())->state;
        for (const auto& [c, w, e] : uses) {
            add_clinic(f, *c);
            add_work(f, w->id);
            f.evidence.push_back("Gasto " + std::to_string(e->id) + " de " + c->clues + ", " +
                                 work_label(*w) + ": " + format_pesos(e->amount) + " a " + e->rfc +
                                 (e->voided ? " (anulado)" : " (vigente)"));
            if (!e->voided)
                f.amount += e->amount;
        }
        if (others > 0)
            for (const auto* o : other->second)
                f.evidence.push_back("Gasto " + std::to_string(o->expense_id) + " de " + o->clues +
                                     ", edición " + std::to_string(o->edition) + ", obra " +
                                     std::to_string(o->work_id) + ": " + format_pesos(o->amount) +
                                     (o->voided ? " (anulado)" : " (vigente)"));
        f.summary = "El CFDI " + uuid + " se presentó " + std::to_string(uses.size() + others) +
                    " veces" + (others > 0 ? ", también en otra edición." : ".");
        out.push_back(std::move(f));
    }
}

// 2. A live invoice dated before the assembly or after the deadline.
void invoice_out_of_dates(const flag_input& in, std::vector<red_flag>& out) {
    auto deadline = parse_civil_date(in.deadline);
    for (const auto& c : in.clinics) {
        auto assembly = parse_civil_date(date_part(c.assembly_date));
        for (const auto& w : c.works)
            for (const auto& e : w.expenses) {
                if (e.voided)
                    continue;
                auto day = parse_civil_date(date_part(e.invoice_date));
                if (!day)
                    continue;
                std::string why;
                if (assembly && *day < *assembly)
                    why = "antes de la asamblea (" + date_part(c.assembly_date) + ")";
                else if (deadline && *day > *deadline)
                    why = "después del plazo para comprobar (" + in.deadline + ")";
                else
                    continue;
                auto f = single(flag_kind::factura_fuera_de_fecha, c, w, e.cfdi_uuid);
                f.amount = e.amount;
                f.summary = "Factura fechada " + why + ".";
                f.evidence.push_back(work_label(w));
                f.evidence.push_back("CFDI " + e.cfdi_uuid + " de " + e.supplier + " (" + e.rfc +
                                     "), fecha " + date_part(e.invoice_date) + ", " +
                                     format_pesos(e.amount));
                out.push_back(std::move(f));
            }
    }
}

// 3. The chosen quote is not the cheapest live one.
void not_cheapest(const flag_input& in, std::vector<red_flag>& out) {
    for (const auto& c : in.clinics)
        for (const auto& w : c.works) {
            const auto* chosen = chosen_of(w);
            if (!chosen)
                continue;
            const flag_quote* cheapest = chosen;
            for (const auto& q : w.quotes)
                if (q.amount < cheapest->amount)
                    cheapest = &q;
            if (cheapest == chosen)
                continue;
            auto f = single(flag_kind::no_la_mas_barata, c, w, std::to_string(w.id));
            f.amount = chosen->amount - cheapest->amount;
            f.summary = "Se eligió una cotización " + format_pesos(f.amount) +
                        " más cara que la más barata.";
            f.evidence.push_back(work_label(w));
            f.evidence.push_back("Elegida: " + chosen->supplier + " (" + chosen->rfc + "), " +
                                 format_pesos(chosen->amount));
            f.evidence.push_back("Más barata: " + cheapest->supplier + " (" + cheapest->rfc +
                                 "), " + format_pesos(cheapest->amount));
            f.evidence.push_back("Razón pública: " + (w.chosen_reason.empty()
                                                          ? std::string("ninguna")
                                                          : w.chosen_reason));
            out.push_back(std::move(f));
        }
}

// 4. Two live quotes of one work within the gap (identical when the gap is 0).
void close_quotes(const flag_input& in, std::vector<red_flag>& out) {
    for (const auto& c : in.clinics)
        for (const auto& w : c.works) {
            if (w.quotes.size() < 2)
                continue;
            std::vector<const flag_quote*> sorted;
            for (const auto& q : w.quotes)
                sorted.push_back(&q);
            std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
                return std::tie(a->amount, a->id) < std::tie(b->amount, b->id);
            });
            std::vector<std::string> pairs;
            bool identical = false;
            for (std::size_t i = 1; i < sorted.size(); ++i) {
                const auto* lo = sorted[i - 1];
                const auto* hi = sorted[i];
                auto gap = hi->amount - lo->amount;
                if (gap * 100 > static_cast<centavos>(in.thresholds.quote_gap_percent) * lo->amount)
                    continue;
                identical = identical || gap == 0;
                pairs.push_back(lo->supplier + " (" + lo->rfc + ") " + format_pesos(lo->amount) +
                                " y " + hi->supplier + " (" + hi->rfc + ") " +
                                format_pesos(hi->amount) +
                                (gap == 0 ? ": idénticas" : ": diferencia " + format_pesos(gap)));
            }
            if (pairs.empty())
                continue;
            auto f = single(flag_kind::cotizaciones_parecidas, c, w, std::to_string(w.id));
            f.summary = identical
                            ? "Cotizaciones idénticas."
                            : "Cotizaciones a " + std::to_string(in.thresholds.quote_gap_percent) +
                                  " % o menos una de otra.";
            f.evidence.push_back(work_label(w));
            for (auto& p : pairs)
                f.evidence.push_back(std::move(p));
            out.push_back(std::move(f));
        }
}

// 5. One RFC winning (chosen quote) in several clinics of a state: in supplier_min_clinics or
// more, or in two or more while taking supplier_share_percent of the state's spending.
void dominant_supplier(const flag_input& in, std::vector<red_flag>& out) {
    struct wins {
        std::string supplier;
        std::set<std::string> clues;
        std::vector<located_work> works;
        centavos spent = 0;
    };
    std::map<std::string, std::map<std::string, wins>> by_state; // state → rfc → wins
    std::map<std::string, centavos> state_spent;
    for (const auto& c : in.clinics)
        for (const auto& w : c.works) {
            for (const auto& e : w.expenses)
                if (!e.voided) {
                    state_spent[c.state] += e.amount;
                    by_state[c.state][e.rfc].spent += e.amount;
                }
            if (const auto* q = chosen_of(w)) {
                auto& s = by_state[c.state][q->rfc];
                s.supplier = q->supplier;
                s.clues.insert(c.clues);
                s.works.push_back({&c, &w});
            }
        }
    const auto& t = in.thresholds;
    for (const auto& [state, rfcs] : by_state)
        for (const auto& [rfc, s] : rfcs) {
            auto n = static_cast<int>(s.clues.size());
            auto total = state_spent[state];
            bool share = total > 0 && s.spent * 100 >= total * t.supplier_share_percent;
            if (n < 2 || (n < t.supplier_min_clinics && !share))
                continue;
            red_flag f;
            f.kind = flag_kind::proveedor_dominante;
            f.key = "proveedor_dominante:" + state + ":" + rfc;
            f.state = state;
            f.amount = s.spent;
            for (const auto& lw : s.works)
                add_sighting(f, *lw.clinic, *lw.work);
            f.summary = s.supplier + " (" + rfc + ") ganó en " + std::to_string(n) +
                        " clínicas de " + state + "; recibió " + format_pesos(s.spent) +
                        (total > 0 ? " de " + format_pesos(total) + " gastados en el estado (" +
                                         std::to_string(s.spent * 100 / total) + " %)"
                                   : std::string()) +
                        ".";
            out.push_back(std::move(f));
        }
}

// 6. The same two or three RFCs quoting together on ring_min_works works or more. A pair inside
// a flagged trio with the same works is not repeated.
void quoting_rings(const flag_input& in, std::vector<red_flag>& out) {
    std::map<std::vector<std::string>, std::vector<located_work>> groups;
    for (const auto& c : in.clinics)
        for (const auto& w : c.works) {
            std::set<std::string> set;
            for (const auto& q : w.quotes)
                set.insert(q.rfc);
            std::vector<std::string> r(set.begin(), set.end());
            for (std::size_t i = 0; i < r.size(); ++i)
                for (std::size_t j = i + 1; j < r.size(); ++j) {
                    groups[{r[i], r[j]}].push_back({&c, &w});
                    for (std::size_t k = j + 1; k < r.size(); ++k)
                        groups[{r[i], r[j], r[k]}].push_back({&c, &w});
                }
        }
    auto min = static_cast<std::size_t>(in.thresholds.ring_min_works);
    std::vector<std::vector<std::string>> flagged_trios;
    for (const auto& [rfcs, works] : groups)
        if (rfcs.size() == 3 && works.size() >= min)
            flagged_trios.push_back(rfcs);
    for (const auto& [rfcs, works] : groups) {
        if (works.size() < min)
            continue;
        if (rfcs.size() == 2) {
            bool covered = false;
            for (const auto& trio : flagged_trios)
                if (std::includes(trio.begin(), trio.end(), rfcs.begin(), rfcs.end()) &&
                    groups.at(trio).size() == works.size())
                    covered = true;
            if (covered)
                continue;
        }
        red_flag f;
        f.kind = flag_kind::proveedores_juntos;
        std::string names;
        for (const auto& r : rfcs)
            names += (names.empty() ? "" : ", ") + r;
        f.key = "proveedores_juntos:" + names;
        f.state = works.front().clinic->state;
        for (const auto& lw : works)
            add_sighting(f, *lw.clinic, *lw.work);
        f.summary =
            "Los RFC " + names + " cotizaron juntos en " + std::to_string(works.size()) + " obras.";
        out.push_back(std::move(f));
    }
}

// 7. A unit price (chosen quote ÷ quantity) above outlier_multiple × the median of the state's
// works of the same category; the median needs three prices at least.
void price_outliers(const flag_input& in, std::vector<red_flag>& out) {
    struct priced {
        located_work at;
        centavos unit = 0;
        const flag_quote* quote = nullptr;
    };
    std::map<std::pair<std::string, std::string>, std::vector<priced>> by_group;
    for (const auto& c : in.clinics)
        for (const auto& w : c.works) {
            const auto* q = chosen_of(w);
            if (!q || w.quantity <= 0 || w.cancelled)
                continue;
            by_group[{c.state, w.category}].push_back({{&c, &w}, q->amount / w.quantity, q});
        }
    for (const auto& [group, list] : by_group) {
        if (list.size() < 3)
            continue;
        std::vector<centavos> units;
        for (const auto& p : list)
            units.push_back(p.unit);
        std::sort(units.begin(), units.end());
        auto n = units.size();
        // Twice the median, so an even count needs no rounding.
        centavos twice = n % 2 ? 2 * units[n / 2] : units[n / 2 - 1] + units[n / 2];
        for (const auto& p : list) {
            if (2 * p.unit <= static_cast<centavos>(in.thresholds.outlier_multiple) * twice)
                continue;
            auto f = single(flag_kind::precio_atipico, *p.at.clinic, *p.at.work,
                            std::to_string(p.at.work->id));
            f.amount = p.unit;
            f.summary = "Precio unitario de " + format_pesos(p.unit) + ", más de " +
                        std::to_string(in.thresholds.outlier_multiple) +
                        " veces la mediana del estado (" + format_pesos(twice / 2) + ").";
            f.evidence.push_back(work_label(*p.at.work));
            f.evidence.push_back(std::to_string(p.at.work->quantity) + " piezas por " +
                                 format_pesos(p.quote->amount) + " a " + p.quote->supplier + " (" +
                                 p.quote->rfc + ")");
            f.evidence.push_back("Mediana de " + group.second + " en " + group.first + ": " +
                                 format_pesos(twice / 2) + " (" + std::to_string(n) + " obras)");
            out.push_back(std::move(f));
        }
    }
}

// 8. Delivered without a before photo or without an after photo.
void delivered_without_photos(const flag_input& in, std::vector<red_flag>& out) {
    for (const auto& c : in.clinics)
        for (const auto& w : c.works) {
            if (!w.delivered || (w.photos_before > 0 && w.photos_after > 0))
                continue;
            auto f = single(flag_kind::entrega_sin_fotos, c, w, std::to_string(w.id));
            std::string missing = w.photos_before == 0 && w.photos_after == 0 ? "antes ni después"
                                  : w.photos_before == 0                      ? "antes"
                                                                              : "después";
            f.summary = "Entregada sin foto de " + missing + ".";
            f.evidence.push_back(work_label(w));
            f.evidence.push_back("Fotos de antes: " + std::to_string(w.photos_before) +
                                 "; de después: " + std::to_string(w.photos_after));
            out.push_back(std::move(f));
        }
}

// 9. Money spent more than unproven_days ago (the oldest live invoice) on a work that still shows
// nothing of what it bought: no after photo and no acta de entrega-recepción.
void unproven_spending(const flag_input& in, std::vector<red_flag>& out) {
    auto today = parse_civil_date(in.today);
    if (!today)
        return;
    for (const auto& c : in.clinics)
        for (const auto& w : c.works) {
            if (w.photos_after > 0 || w.entrega_recepcion)
                continue;
            centavos spent = 0;
            std::optional<int> oldest;
            std::string oldest_text;
            for (const auto& e : w.expenses) {
                if (e.voided)
                    continue;
                spent += e.amount;
                auto day = parse_civil_date(date_part(e.invoice_date));
                if (day && (!oldest || *day < *oldest)) {
                    oldest = day;
                    oldest_text = date_part(e.invoice_date);
                }
            }
            if (!oldest || *today - *oldest <= in.thresholds.unproven_days)
                continue;
            auto f = single(flag_kind::gasto_sin_comprobar, c, w, std::to_string(w.id));
            f.amount = spent;
            f.summary = format_pesos(spent) + " gastados hace " + std::to_string(*today - *oldest) +
                        " días sin foto de después ni acta de entrega-recepción.";
            f.evidence.push_back(work_label(w));
            f.evidence.push_back("Primera factura: " + oldest_text);
            out.push_back(std::move(f));
        }
}

// 10. The same photo (sha256) in two or more clinics.
void repeated_photo(const flag_input& in, std::vector<red_flag>& out) {
    std::map<std::string, std::vector<located_work>> by_hash;
    for (const auto& c : in.clinics)
        for (const auto& w : c.works)
            for (const auto& sha :
                 std::set<std::string>(w.photo_sha256.begin(), w.photo_sha256.end()))
                by_hash[sha].push_back({&c, &w});
    for (const auto& [sha, uses] : by_hash) {
        std::set<std::string> clinics;
        for (const auto& u : uses)
            clinics.insert(u.clinic->clues);
        if (clinics.size() < 2)
            continue;
        red_flag f;
        f.kind = flag_kind::foto_repetida;
        f.key = "foto_repetida:" + sha;
        f.state = uses.front().clinic->state;
        for (const auto& u : uses)
            add_sighting(f, *u.clinic, *u.work);
        f.summary = "La misma foto (sha256 " + short_hash(sha) + "…) aparece en " +
                    std::to_string(clinics.size()) + " clínicas.";
        out.push_back(std::move(f));
    }
}

} // namespace

status check_thresholds(const flag_thresholds& t) {
    auto range = [](int v, int lo, int hi, const char* field) -> status {
        if (v < lo || v > hi)
            return fail(error_kind::invalid, "threshold_invalid",
                        std::string("El umbral «") + field + "» debe estar entre " +
                            std::to_string(lo) + " y " + std::to_string(hi) + ".",
                        field);
        return {};
    };
    for (auto s : {range(t.quote_gap_percent, 0, 50, "quote_gap_percent"),
                   range(t.supplier_min_clinics, 2, 1000, "supplier_min_clinics"),
                   range(t.supplier_share_percent, 1, 100, "supplier_share_percent"),
                   range(t.ring_min_works, 2, 1000, "ring_min_works"),
                   range(t.outlier_multiple, 2, 100, "outlier_multiple"),
                   range(t.unproven_days, 1, 3650, "unproven_days")})
        if (!s)
            return s;
    return {};
}

std::string_view to_string(flag_kind kind) {
    switch (kind) {
    case flag_kind::cfdi_repetido:
        return "cfdi_repetido";
    case flag_kind::factura_fuera_de_fecha:
        return "factura_fuera_de_fecha";
    case flag_kind::no_la_mas_barata:
        return "no_la_mas_barata";
    case flag_kind::cotizaciones_parecidas:
        return "cotizaciones_parecidas";
    case flag_kind::proveedor_dominante:
        return "proveedor_dominante";
    case flag_kind::proveedores_juntos:
        return "proveedores_juntos";
    case flag_kind::precio_atipico:
        return "precio_atipico";
    case flag_kind::entrega_sin_fotos:
        return "entrega_sin_fotos";
    case flag_kind::gasto_sin_comprobar:
        return "gasto_sin_comprobar";
    case flag_kind::foto_repetida:
        return "foto_repetida";
    }
    return "";
}

std::string_view flag_title(flag_kind kind) {
    switch (kind) {
    case flag_kind::cfdi_repetido:
        return "CFDI presentado más de una vez";
    case flag_kind::factura_fuera_de_fecha:
        return "Factura antes de la asamblea o después del plazo";
    case flag_kind::no_la_mas_barata:
        return "No se eligió la cotización más barata";
    case flag_kind::cotizaciones_parecidas:
        return "Cotizaciones casi iguales";
    case flag_kind::proveedor_dominante:
        return "El mismo proveedor gana en muchas clínicas del estado";
    case flag_kind::proveedores_juntos:
        return "Los mismos proveedores cotizan juntos una y otra vez";
    case flag_kind::precio_atipico:
        return "Precio unitario fuera de lo común";
    case flag_kind::entrega_sin_fotos:
        return "Entregada sin fotos de antes y después";
    case flag_kind::gasto_sin_comprobar:
        return "Dinero gastado sin nada que lo muestre";
    case flag_kind::foto_repetida:
        return "La misma foto en dos clínicas";
    }
    return "";
}

std::vector<red_flag> detect_red_flags(const flag_input& in) {
    std::vector<red_flag> out;
    repeated_cfdi(in, out);
    invoice_out_of_dates(in, out);
    not_cheapest(in, out);
    close_quotes(in, out);
    dominant_supplier(in, out);
    quoting_rings(in, out);
    price_outliers(in, out);
    delivered_without_photos(in, out);
    unproven_spending(in, out);
    repeated_photo(in, out);
    std::stable_sort(out.begin(), out.end(), [](const red_flag& a, const red_flag& b) {
        return std::tie(a.state, a.kind, a.key) < std::tie(b.state, b.kind, b.key);
    });
    return out;
}

} // namespace asamblea::domain
