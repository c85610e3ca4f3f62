#include "server/views/national_json.hpp"

#include "server/views/json_text.hpp"

namespace asamblea::server {
namespace {

using nlohmann::json;

json optional_percent(std::optional<int> p) {
    return p ? json(*p) : json(nullptr);
}

json live_counts_json(const app::national_live_counts& c) {
    return {{"assemblies", c.assemblies},   {"in_session", c.in_session},
            {"registering", c.registering}, {"closed", c.closed},
            {"with_quorum", c.with_quorum}, {"voting", c.voting},
            {"attendance", c.attendance},   {"ballots", c.ballots}};
}

json national_clinic_json(const app::national_clinic& c) {
    json stalled = json::array();
    for (const auto& w : c.stalled)
        stalled.push_back({{"id", w.id},
                           {"title", w.title},
                           {"state", domain::to_string(w.state)},
                           {"state_label", domain::work_state_label(w.state)},
                           {"idle_days", w.idle_days},
                           {"last_move", w.last_move}});
    json out = {{"clues", c.clues},
                {"nombre", c.nombre},
                {"entidad", c.entidad},
                {"institucion", c.institucion},
                {"public_page", "/c/" + c.clues}};
    out.update(national_money_json(c.money));
    out["stalled_works"] = std::move(stalled);
    return out;
}

json group_list_json(const std::vector<app::national_group>& groups) {
    json out = json::array();
    for (const auto& g : groups) {
        json item = {{"name", g.name}};
        item.update(national_money_json(g.money));
        out.push_back(std::move(item));
    }
    return out;
}

json live_group_list_json(const std::vector<app::national_live_group>& groups) {
    json out = json::array();
    for (const auto& g : groups) {
        json item = {{"name", g.name}};
        item.update(live_counts_json(g.counts));
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace

json national_money_json(const app::national_money& m) {
    return {{"clinics", m.clinics},
            {"budget_centavos", m.budget},
            {"assigned_centavos", m.ledger.asignado},
            {"committed_centavos", m.ledger.comprometido},
            {"spent_centavos", m.ledger.ejercido},
            {"proven_centavos", m.ledger.comprobado},
            {"unproven_centavos", m.unproven()},
            {"balance_centavos", m.ledger.saldo},
            {"proven_percent", optional_percent(m.score.proven_percent())},
            {"works", m.works},
            {"delivered", m.delivered},
            {"verified", m.verified},
            {"cancelled", m.cancelled},
            {"stalled", m.stalled},
            {"delivered_with_photos", m.score.delivered_with_photos},
            {"photos_percent", optional_percent(m.score.photos_percent())}};
}

json national_json(const app::national_followup& followup, const app::national_live& live,
                   const std::string& institucion, const std::string& entidad,
                   const std::string& today, const std::string& generated_at) {
    json clinics = json::array(), unproven = json::array(), stalled = json::array();
    for (const auto& c : followup.clinics)
        clinics.push_back(national_clinic_json(c));
    for (const auto& c : followup.by_unproven)
        unproven.push_back(c.clues);
    for (const auto& c : followup.by_stalled)
        stalled.push_back(c.clues);
    json live_clinics = json::array();
    for (const auto& c : live.clinics)
        live_clinics.push_back({{"clues", c.clues},
                                {"nombre", c.nombre},
                                {"entidad", c.entidad},
                                {"institucion", c.institucion},
                                {"state", c.state},
                                {"attendance", c.attendance},
                                {"quorum_min", c.quorum_min},
                                {"quorum_met", c.quorum_met},
                                {"voting", c.voting},
                                {"round_title", text_or_null(c.round_title)},
                                {"ballots", c.ballots},
                                {"updated_at", c.updated_at}});
    return {{"generated_at", generated_at},
            {"today", today},
            {"filter",
             {{"institucion", text_or_null(institucion)}, {"entidad", text_or_null(entidad)}}},
            {"edition", followup.edition ? json(followup.edition) : json(nullptr)},
            {"editions", followup.editions},
            {"stalled_days", followup.stalled_days},
            {"followup",
             {{"total", national_money_json(followup.total)},
              {"by_institution", group_list_json(followup.by_institution)},
              {"by_state", group_list_json(followup.by_state)},
              {"clinics", std::move(clinics)},
              {"ranking_unproven", std::move(unproven)},
              {"ranking_stalled", std::move(stalled)}}},
            {"live",
             {{"total", live_counts_json(live.total)},
              {"by_institution", live_group_list_json(live.by_institution)},
              {"by_state", live_group_list_json(live.by_state)},
              {"clinics", std::move(live_clinics)}}}};
}

} // namespace asamblea::server
