#include "server/views/red_flags_json.hpp"

namespace asamblea::server {

using nlohmann::json;

json to_json(const domain::flag_thresholds& t) {
    return {{"quote_gap_percent", t.quote_gap_percent},
            {"supplier_min_clinics", t.supplier_min_clinics},
            {"supplier_share_percent", t.supplier_share_percent},
            {"ring_min_works", t.ring_min_works},
            {"outlier_multiple", t.outlier_multiple},
            {"unproven_days", t.unproven_days}};
}

json to_json(const app::red_flag_report& report) {
    json flags = json::array();
    int reviewed = 0;
    for (const auto& f : report.flags) {
        json clinics = json::array();
        for (const auto& c : f.clinics)
            clinics.push_back({{"clues", c.clues}, {"nombre", c.name}, {"entidad", c.state}});
        json review = nullptr;
        if (auto it = report.reviews.find(f.key); it != report.reviews.end()) {
            review = {{"note", it->second.note}, {"at", it->second.reviewed_at}};
            ++reviewed;
        }
        flags.push_back({{"key", f.key},
                         {"kind", std::string(domain::to_string(f.kind))},
                         {"title", std::string(domain::flag_title(f.kind))},
                         {"state", f.state},
                         {"clinics", clinics},
                         {"work_ids", f.work_ids},
                         {"summary", f.summary},
                         {"evidence", f.evidence},
                         {"amount_centavos", f.amount},
                         {"reviewed", !review.is_null()},
                         {"review", review}});
    }
    return {{"edition", report.edition},
            {"state", report.state},
            {"states", report.states},
            {"deadline", report.deadline},
            {"today", report.today},
            {"caveat", std::string(domain::red_flag_caveat)},
            {"thresholds", to_json(report.thresholds)},
            {"thresholds_set", report.thresholds_set},
            {"count", report.flags.size()},
            {"reviewed", reviewed},
            {"flags", flags}};
}

} // namespace asamblea::server
