#include "server/views/open_followup_json.hpp"

#include "server/views/json_mapping.hpp"

namespace asamblea::server {
namespace {

using nlohmann::json;

json nullable(const std::string& s) {
    return s.empty() ? json(nullptr) : json(s);
}

json open_quote_json(const app::open_quote& q) {
    return {{"id", q.id},        {"supplier", q.supplier},
            {"rfc", q.rfc},      {"amount_centavos", q.amount},
            {"date", q.date},    {"file_sha256", nullable(q.file_sha256)},
            {"chosen", q.chosen}};
}

json open_expense_json(const app::open_expense& e) {
    return {{"id", e.id},
            {"supplier_rfc", e.supplier_rfc},
            {"supplier_name", e.supplier_name},
            {"amount_centavos", e.amount},
            {"cfdi_uuid", e.cfdi_uuid},
            {"date", e.date},
            {"xml_sha256", nullable(e.xml_sha256)},
            {"pdf_sha256", nullable(e.pdf_sha256)},
            {"voided", e.voided},
            {"void_reason", nullable(e.void_reason)}};
}

json open_evidence_json(const app::open_evidence& e) {
    return {{"id", e.id},
            {"kind", domain::to_string(e.kind)},
            {"sha256", e.sha256},
            {"mime", e.mime},
            {"taken_on", nullable(e.taken_on)}};
}

json open_work_json(const app::open_work& w) {
    json quotes = json::array(), expenses = json::array(), evidence = json::array();
    for (const auto& q : w.quotes)
        quotes.push_back(open_quote_json(q));
    for (const auto& e : w.expenses)
        expenses.push_back(open_expense_json(e));
    for (const auto& e : w.evidence)
        evidence.push_back(open_evidence_json(e));
    return {{"id", w.id},
            {"edition", w.edition},
            {"title", w.title},
            {"category", domain::to_string(w.category)},
            {"approved_centavos", w.approved},
            {"state", domain::to_string(w.state)},
            {"quantity", w.quantity},
            {"created_at", nullable(w.created_at)},
            {"updated_at", nullable(w.updated_at)},
            {"contracted_at", nullable(w.contracted_at)},
            {"delivered_at", nullable(w.delivered_at)},
            {"verified_at", nullable(w.verified_at)},
            {"cancelled_at", nullable(w.cancelled_at)},
            {"chosen_quote_id", w.chosen_quote ? json(*w.chosen_quote) : json(nullptr)},
            {"chosen_reason", nullable(w.chosen_reason)},
            {"quotes", std::move(quotes)},
            {"expenses", std::move(expenses)},
            {"evidence", std::move(evidence)}};
}

} // namespace

json open_followup_json(const std::vector<app::open_clinic_followup>& clinics,
                        const std::string& generated_at) {
    json list = json::array();
    for (const auto& c : clinics) {
        json j = to_json(c.clinic);
        json works = json::array();
        for (const auto& w : c.works)
            works.push_back(open_work_json(w));
        j["works"] = std::move(works);
        list.push_back(std::move(j));
    }
    return {{"generated_at", generated_at}, {"clinics", std::move(list)}};
}

} // namespace asamblea::server
