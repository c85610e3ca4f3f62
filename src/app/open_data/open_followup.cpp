#include "app/open_data/open_followup.hpp"

#include "store/clinic_repo.hpp"
#include "store/evidence_repo.hpp"
#include "store/expense_repo.hpp"
#include "store/open_data_repo.hpp"
#include "store/quote_repo.hpp"
#include "store/work_item_repo.hpp"
#include "store/work_move_repo.hpp"

namespace asamblea::app {
namespace {

using domain::work_state;

open_work read_work(SQLite::Database& db, const store::work_item_row& row) {
    open_work w;
    w.id = row.item.id;
    w.edition = row.edition;
    w.title = row.item.title;
    w.category = row.item.category;
    w.approved = row.item.approved;
    w.state = row.item.state;
    w.quantity = row.item.quantity;
    w.created_at = row.created_at;
    w.updated_at = row.updated_at;
    // Only when each stage was reached: who moved it and why stay with the committee.
    for (const auto& m : store::list_work_moves(db, w.id)) {
        if (m.to == work_state::contratado)
            w.contracted_at = m.at;
        else if (m.to == work_state::entregado)
            w.delivered_at = m.at;
        else if (m.to == work_state::verificado)
            w.verified_at = m.at;
        else if (m.to == work_state::cancelado)
            w.cancelled_at = m.at;
    }
    for (const auto& q : store::list_quotes(db, w.id)) {
        if (q.q.voided)
            continue;
        bool chosen = row.chosen_quote_id && *row.chosen_quote_id == q.q.id;
        if (chosen)
            w.chosen_quote = q.q.id;
        w.quotes.push_back(
            {q.q.id, q.q.supplier, q.q.rfc, q.q.amount, q.q.date, q.file_sha256, chosen});
    }
    if (w.chosen_quote)
        w.chosen_reason = row.chosen_reason;
    for (const auto& e : store::list_expenses(db, w.id))
        w.expenses.push_back({e.id, e.emisor_rfc, e.emisor_nombre, e.amount, e.cfdi_uuid, e.fecha,
                              e.xml_sha256, e.pdf_sha256, !e.voided_at.empty(),
                              e.voided_at.empty() ? std::string{} : e.void_reason});
    for (const auto& e : store::list_evidence(db, w.id)) {
        if (!e.voided_at.empty())
            continue;
        // The day only: the hour and place a photo was taken say more than the work needs.
        std::string taken_on = e.taken_at ? e.taken_at->substr(0, 10) : std::string{};
        w.evidence.push_back({e.id, e.kind, e.file_sha256, e.mime, std::move(taken_on)});
    }
    return w;
}

} // namespace

domain::result<open_clinic_followup> read_open_followup(SQLite::Database& db,
                                                        const std::string& clues) {
    auto clinic = store::find_clinic(db, clues);
    if (!clinic)
        return domain::fail(domain::error_kind::not_found, "clinic_not_found",
                            "No existe esa unidad de salud.", "clues");
    open_clinic_followup out;
    out.clinic = *clinic;
    for (int edition : store::open_followup_editions(db, clues))
        for (const auto& row : store::list_work_items(db, clues, edition))
            out.works.push_back(read_work(db, row));
    return out;
}

std::vector<open_clinic_followup> read_open_followup_all(SQLite::Database& db) {
    std::vector<open_clinic_followup> out;
    for (const auto& clues : store::open_followup_clinics(db))
        if (auto c = read_open_followup(db, clues))
            out.push_back(std::move(*c));
    return out;
}

} // namespace asamblea::app
