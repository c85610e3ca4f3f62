#include "server/views/followup_json.hpp"

#include "domain/committee.hpp"
#include "domain/followup/deadline.hpp"
#include "domain/followup/quote_rules.hpp"
#include "domain/followup/work_transition.hpp"

namespace asamblea::server {
namespace {

using nlohmann::json;

json or_null(const std::string& text) {
    return text.empty() ? json(nullptr) : json(text);
}

template <class T> json or_null(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json state_or_null(const std::optional<domain::work_state>& s) {
    return s ? json(domain::to_string(*s)) : json(nullptr);
}

json role_or_null(const std::optional<domain::committee_role>& r) {
    return r ? json(domain::to_string(*r)) : json(nullptr);
}

json role_label_or_null(const std::optional<domain::committee_role>& r) {
    return r ? json(domain::role_label(*r)) : json(nullptr);
}

json roles_json(const std::vector<domain::committee_role>& roles) {
    json out = json::array();
    for (auto r : roles)
        out.push_back(domain::to_string(r));
    return out;
}

json quote_json(const store::quote_row& q, const std::vector<domain::quote>& all) {
    return {{"id", q.q.id},
            {"supplier", q.q.supplier},
            {"rfc", q.q.rfc},
            {"rfc_digit_ok", q.rfc_digit_ok},
            {"amount_centavos", q.q.amount},
            {"date", q.q.date},
            {"valid_until", or_null(q.q.valid_until)},
            {"file_sha256", q.file_sha256},
            {"cheapest", !q.q.voided && domain::is_cheapest(all, q.q.id)},
            {"created_at", q.created_at},
            {"voided_at", or_null(q.voided_at)},
            {"void_reason", or_null(q.void_reason)}};
}

json expense_json(const store::expense_row& e) {
    return {{"id", e.id},
            {"amount_centavos", e.amount},
            {"cfdi_uuid", e.cfdi_uuid},
            {"emisor_rfc", e.emisor_rfc},
            {"emisor_nombre", e.emisor_nombre},
            {"fecha", e.fecha},
            {"xml_sha256", e.xml_sha256},
            {"pdf_sha256", e.pdf_sha256},
            {"payment_sha256", or_null(e.payment_sha256)},
            {"created_at", e.created_at},
            {"voided_at", or_null(e.voided_at)},
            {"void_reason", or_null(e.void_reason)}};
}

// Where a photo was taken stays out: the page says only whether it was recorded. A live photo
// links its public copy (no login, no metadata); documents and voided items have none.
json evidence_json(const store::evidence_row& e, const std::string& clues) {
    json public_url = nullptr;
    if (domain::is_photo(e.kind) && e.voided_at.empty())
        public_url = "/api/public/c/" + clues + "/photos/" + e.file_sha256;
    return {{"id", e.id},
            {"kind", domain::to_string(e.kind)},
            {"kind_label", domain::evidence_kind_label(e.kind)},
            {"file_sha256", e.file_sha256},
            {"mime", e.mime},
            {"size_bytes", or_null(e.size_bytes)},
            {"taken_at", or_null(e.taken_at)},
            {"located", e.latitude.has_value() && e.longitude.has_value()},
            {"note", e.note},
            {"created_at", e.created_at},
            {"voided_at", or_null(e.voided_at)},
            {"void_reason", or_null(e.void_reason)},
            {"public_url", public_url}};
}

} // namespace

json to_json(const domain::ledger_line& money) {
    return {{"asignado_centavos", money.asignado},
            {"comprometido_centavos", money.comprometido},
            {"ejercido_centavos", money.ejercido},
            {"comprobado_centavos", money.comprobado},
            {"saldo_centavos", money.saldo}};
}

json to_json(const app::work_summary& work) {
    const auto& item = work.item;
    json next = json::array();
    for (const auto& r : work.next)
        next.push_back({{"code", r.code}, {"text", r.text}});
    json moves = json::array();
    for (auto s : domain::possible_moves(item))
        moves.push_back(domain::to_string(s));
    return {{"id", item.id},
            {"title", item.title},
            {"category", domain::to_string(item.category)},
            {"category_label", domain::category_label(item.category)},
            {"approved_centavos", item.approved},
            {"quantity", item.quantity},
            {"state", domain::to_string(item.state)},
            {"state_label", domain::work_state_label(item.state)},
            {"resumes_to", state_or_null(item.resumes_to)},
            {"money", to_json(work.money)},
            {"next", next},
            {"moves", moves},
            {"counts",
             {{"quotes", work.quotes},
              {"photos_before", work.photos_before},
              {"photos_during", work.photos_during},
              {"photos_after", work.photos_after},
              {"documents", work.documents},
              {"confirmations", work.confirmations}}},
            {"confirmed_roles", roles_json(work.confirmed_roles)},
            {"entrega_recepcion", work.entrega_recepcion},
            {"updated_at", work.updated_at}};
}

json to_json(const app::followup_board& board, const followup_viewer& viewer) {
    json works = json::array();
    for (const auto& w : board.works)
        works.push_back(to_json(w));
    json status = nullptr;
    if (board.deadline_status)
        status = {{"level", domain::to_string(board.deadline_status->level)},
                  {"days_left", board.deadline_status->days_left},
                  {"text", board.deadline_status->text}};
    json who = {
        {"can_write", viewer.member.has_value()}, {"role", nullptr}, {"role_label", nullptr}};
    if (viewer.member) {
        who["role"] = domain::to_string(viewer.member->role);
        who["role_label"] = domain::role_label(viewer.member->role);
    }
    return {{"clues", board.clues},
            {"edition", board.edition},
            {"editions", board.editions},
            {"budget_centavos", board.budget},
            {"money", to_json(board.clinic)},
            {"score",
             {{"spent_centavos", board.score.spent},
              {"proven_centavos", board.score.proven},
              {"proven_percent", or_null(board.score.proven_percent())},
              {"delivered", board.score.delivered},
              {"delivered_with_photos", board.score.delivered_with_photos},
              {"photos_percent", or_null(board.score.photos_percent())}}},
            {"deadline", board.deadline},
            {"deadline_status", status},
            {"works", works},
            {"viewer", who}};
}

json to_json(const app::work_detail& work, const std::string& clues) {
    json out = to_json(work.summary);
    std::vector<domain::quote> all;
    for (const auto& q : work.quotes)
        all.push_back(q.q);
    json quotes = json::array();
    for (const auto& q : work.quotes)
        quotes.push_back(quote_json(q, all));
    json expenses = json::array();
    for (const auto& e : work.expenses)
        expenses.push_back(expense_json(e));
    json evidence = json::array();
    for (const auto& e : work.evidence)
        evidence.push_back(evidence_json(e, clues));
    json confirmations = json::array();
    for (const auto& c : work.confirmations)
        confirmations.push_back({{"member_id", c.member_id},
                                 {"role", domain::to_string(c.role)},
                                 {"role_label", domain::role_label(c.role)},
                                 {"at", c.at}});
    json timeline = json::array();
    for (const auto& m : work.moves)
        timeline.push_back({{"from", domain::to_string(m.from)},
                            {"to", domain::to_string(m.to)},
                            {"from_label", domain::work_state_label(m.from)},
                            {"to_label", domain::work_state_label(m.to)},
                            {"reason", or_null(m.reason)},
                            {"member_id", m.member_id == 0 ? json(nullptr) : json(m.member_id)},
                            {"role", role_or_null(m.by.role)},
                            {"role_label", role_label_or_null(m.by.role)},
                            {"name", or_null(m.by.name)},
                            {"at", m.at}});
    json notes = json::array();
    for (const auto& n : work.notes)
        notes.push_back({{"id", n.id},
                         {"text", n.text},
                         {"role", role_or_null(n.by.role)},
                         {"role_label", role_label_or_null(n.by.role)},
                         {"name", or_null(n.by.name)},
                         {"at", n.at}});
    out["edition"] = work.edition;
    out["origin"] = work.origin;
    out["origin_reason"] = or_null(work.origin_reason);
    out["quote_exception"] = or_null(work.quote_exception);
    out["chosen_quote_id"] = or_null(work.chosen_quote);
    out["chosen_reason"] = or_null(work.chosen_reason);
    out["quotes"] = quotes;
    out["expenses"] = expenses;
    out["evidence"] = evidence;
    out["confirmations"] = confirmations;
    out["timeline"] = timeline;
    out["notes"] = notes;
    out["equipment"] = work.summary.item.category == domain::category::equipamiento
                           ? json{{"brand", work.brand},
                                  {"model", work.model},
                                  {"serials", work.serials},
                                  {"inventory_tags", work.inventory_tags}}
                           : json(nullptr);
    out["created_at"] = work.created_at;
    return out;
}

} // namespace asamblea::server
