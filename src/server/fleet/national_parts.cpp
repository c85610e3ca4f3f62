#include "server/fleet/national_parts.hpp"

#include "domain/followup/work_state.hpp"
#include "server/views/json_mapping.hpp"

// The field lists of each part, both ways; std::optional fields by hand (nlohmann 3.11 has no
// std::optional conversion).
namespace asamblea::store {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(national_totals, by_state, assemblies, with_quorum, voting,
                                   attendance)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(flag_review_row, flag_key, note, reviewed_by, reviewed_at)

void to_json(nlohmann::json& j, const national_row& r) {
    j = {{"clues", r.clues},
         {"nombre", r.nombre},
         {"entidad", r.entidad},
         {"institucion", r.institucion},
         {"state", r.state},
         {"attendance", r.attendance},
         {"quorum_min", r.quorum_min},
         {"round_id", r.round_id ? nlohmann::json(*r.round_id) : nlohmann::json(nullptr)},
         {"round_title", r.round_title},
         {"round_status", r.round_status},
         {"ballots", r.ballots},
         {"updated_at", r.updated_at}};
}

void from_json(const nlohmann::json& j, national_row& r) {
    j.at("clues").get_to(r.clues);
    j.at("nombre").get_to(r.nombre);
    j.at("entidad").get_to(r.entidad);
    j.at("institucion").get_to(r.institucion);
    j.at("state").get_to(r.state);
    j.at("attendance").get_to(r.attendance);
    j.at("quorum_min").get_to(r.quorum_min);
    if (!j.at("round_id").is_null())
        r.round_id = j.at("round_id").get<std::int64_t>();
    j.at("round_title").get_to(r.round_title);
    j.at("round_status").get_to(r.round_status);
    j.at("ballots").get_to(r.ballots);
    j.at("updated_at").get_to(r.updated_at);
}
} // namespace asamblea::store

namespace asamblea::domain {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ledger_line, asignado, comprometido, ejercido, comprobado, saldo)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(proof_score, spent, proven, delivered, delivered_with_photos)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(flag_thresholds, quote_gap_percent, supplier_min_clinics,
                                   supplier_share_percent, ring_min_works, outlier_multiple,
                                   unproven_days)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(flag_quote, id, supplier, rfc, amount)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(flag_expense, id, cfdi_uuid, rfc, supplier, amount, invoice_date,
                                   voided)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(flag_other_use, expense_id, cfdi_uuid, clues, edition, work_id,
                                   amount, voided)

void to_json(nlohmann::json& j, const flag_work& w) {
    j = {{"id", w.id},
         {"title", w.title},
         {"category", w.category},
         {"quantity", w.quantity},
         {"delivered", w.delivered},
         {"cancelled", w.cancelled},
         {"chosen_quote", w.chosen_quote ? nlohmann::json(*w.chosen_quote) : nullptr},
         {"chosen_reason", w.chosen_reason},
         {"quotes", w.quotes},
         {"expenses", w.expenses},
         {"photos_before", w.photos_before},
         {"photos_after", w.photos_after},
         {"entrega_recepcion", w.entrega_recepcion},
         {"photo_sha256", w.photo_sha256}};
}

void from_json(const nlohmann::json& j, flag_work& w) {
    j.at("id").get_to(w.id);
    j.at("title").get_to(w.title);
    j.at("category").get_to(w.category);
    j.at("quantity").get_to(w.quantity);
    j.at("delivered").get_to(w.delivered);
    j.at("cancelled").get_to(w.cancelled);
    if (!j.at("chosen_quote").is_null())
        w.chosen_quote = j.at("chosen_quote").get<std::int64_t>();
    j.at("chosen_reason").get_to(w.chosen_reason);
    j.at("quotes").get_to(w.quotes);
    j.at("expenses").get_to(w.expenses);
    j.at("photos_before").get_to(w.photos_before);
    j.at("photos_after").get_to(w.photos_after);
    j.at("entrega_recepcion").get_to(w.entrega_recepcion);
    j.at("photo_sha256").get_to(w.photo_sha256);
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(flag_clinic, clues, name, state, assembly_date, works)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(flag_input, edition, deadline, today, thresholds, clinics,
                                   other_editions)
} // namespace asamblea::domain

namespace asamblea::app {
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(national_live_clinic, clues, nombre, entidad, institucion, state,
                                   attendance, quorum_min, quorum_met, voting, round_title, ballots,
                                   updated_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(national_money, clinics, budget, ledger, score, works, delivered,
                                   verified, cancelled, stalled)

void to_json(nlohmann::json& j, const stalled_work& w) {
    j = {{"id", w.id},
         {"title", w.title},
         {"state", domain::to_string(w.state)},
         {"idle_days", w.idle_days},
         {"last_move", w.last_move}};
}

void from_json(const nlohmann::json& j, stalled_work& w) {
    j.at("id").get_to(w.id);
    j.at("title").get_to(w.title);
    auto state = domain::parse_work_state(j.at("state").get<std::string>());
    if (!state)
        throw nlohmann::json::other_error::create(501, "unknown work state", &j);
    w.state = *state;
    j.at("idle_days").get_to(w.idle_days);
    j.at("last_move").get_to(w.last_move);
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(national_clinic, clues, nombre, entidad, institucion, money,
                                   stalled)
} // namespace asamblea::app

namespace asamblea::server {

domain::clinic decode_clinic_row(const nlohmann::json& j) {
    domain::clinic c;
    j.at("clues").get_to(c.clues);
    j.at("nombre").get_to(c.nombre);
    j.at("entidad").get_to(c.entidad);
    j.at("municipio").get_to(c.municipio);
    j.at("institucion").get_to(c.institucion);
    j.at("consultorios").get_to(c.consultorios);
    j.at("tipo").get_to(c.tipo);
    j.at("presupuesto_centavos").get_to(c.presupuesto);
    return c;
}

nlohmann::json encode_dashboard_part(const store::national_dashboard& d) {
    return {{"totals", d.totals}, {"rows", d.rows}, {"next_after", d.next_after}};
}

store::national_dashboard decode_dashboard_part(const nlohmann::json& j) {
    store::national_dashboard d;
    j.at("totals").get_to(d.totals);
    j.at("rows").get_to(d.rows);
    j.at("next_after").get_to(d.next_after);
    return d;
}

nlohmann::json encode_live_part(const app::national_live& v) {
    return {{"clinics", v.clinics}};
}

app::national_live decode_live_part(const nlohmann::json& j) {
    app::national_live v;
    j.at("clinics").get_to(v.clinics);
    return v;
}

nlohmann::json encode_followup_part(const app::national_followup& v) {
    return {{"edition", v.edition},
            {"editions", v.editions},
            {"stalled_days", v.stalled_days},
            {"clinics", v.clinics}};
}

app::national_followup decode_followup_part(const nlohmann::json& j) {
    app::national_followup v;
    j.at("edition").get_to(v.edition);
    j.at("editions").get_to(v.editions);
    j.at("stalled_days").get_to(v.stalled_days);
    j.at("clinics").get_to(v.clinics);
    return v;
}

nlohmann::json encode_flag_part(const flag_part& p) {
    return {{"shard", p.shard},
            {"input", p.input},
            {"thresholds_set", p.thresholds_set},
            {"reviews", p.reviews}};
}

flag_part decode_flag_part(const nlohmann::json& j) {
    flag_part p;
    j.at("shard").get_to(p.shard);
    j.at("input").get_to(p.input);
    j.at("thresholds_set").get_to(p.thresholds_set);
    j.at("reviews").get_to(p.reviews);
    return p;
}

} // namespace asamblea::server
