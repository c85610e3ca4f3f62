#include "store/red_flag_repo.hpp"

#include "store/sql_text.hpp"

#include <SQLiteCpp/Statement.h>

#include <map>

namespace asamblea::store {

std::vector<domain::flag_clinic> read_flag_clinics(SQLite::Database& db, int edition) {
    std::vector<domain::flag_clinic> clinics;
    std::map<std::int64_t, domain::flag_work*> works;
    SQLite::Statement w(
        db, "SELECT w.id, w.clues, c.nombre, c.entidad, coalesce(a.scheduled_at, ''), w.title, "
            "w.category, w.quantity, w.state, w.chosen_quote_id, coalesce(w.chosen_reason, '') "
            "FROM work_items w JOIN clinics c ON c.clues = w.clues "
            "LEFT JOIN assemblies a ON a.clues = w.clues AND a.edition = w.edition "
            "WHERE w.edition = ? AND " +
                not_moved_out("w.clues") + " ORDER BY c.entidad, w.clues, w.id");
    w.bind(1, edition);
    while (w.executeStep()) {
        auto clues = w.getColumn(1).getString();
        if (clinics.empty() || clinics.back().clues != clues) {
            domain::flag_clinic c;
            c.clues = clues;
            c.name = w.getColumn(2).getString();
            c.state = w.getColumn(3).getString();
            c.assembly_date = w.getColumn(4).getString();
            clinics.push_back(std::move(c));
        }
        domain::flag_work fw;
        fw.id = w.getColumn(0).getInt64();
        fw.title = w.getColumn(5).getString();
        fw.category = w.getColumn(6).getString();
        fw.quantity = w.getColumn(7).getInt();
        auto state = w.getColumn(8).getString();
        fw.delivered = state == "entregado" || state == "verificado";
        fw.cancelled = state == "cancelado";
        if (!w.getColumn(9).isNull())
            fw.chosen_quote = w.getColumn(9).getInt64();
        fw.chosen_reason = w.getColumn(10).getString();
        clinics.back().works.push_back(std::move(fw));
    }
    // The vectors are complete: pointers into them stay valid from here on.
    for (auto& c : clinics)
        for (auto& fw : c.works)
            works[fw.id] = &fw;

    SQLite::Statement q(db, "SELECT q.id, q.work_id, q.supplier, q.rfc, q.amount_centavos "
                            "FROM quotes q JOIN work_items w ON w.id = q.work_id "
                            "WHERE w.edition = ? AND q.voided_at IS NULL ORDER BY q.id");
    q.bind(1, edition);
    while (q.executeStep()) {
        auto it = works.find(q.getColumn(1).getInt64());
        if (it == works.end())
            continue;
        it->second->quotes.push_back({q.getColumn(0).getInt64(), q.getColumn(2).getString(),
                                      q.getColumn(3).getString(), q.getColumn(4).getInt64()});
    }

    SQLite::Statement e(db, "SELECT e.id, e.work_id, e.cfdi_uuid, e.emisor_rfc, e.emisor_nombre, "
                            "e.amount_centavos, e.fecha, e.voided_at IS NOT NULL "
                            "FROM expenses e JOIN work_items w ON w.id = e.work_id "
                            "WHERE w.edition = ? ORDER BY e.id");
    e.bind(1, edition);
    while (e.executeStep()) {
        auto it = works.find(e.getColumn(1).getInt64());
        if (it == works.end())
            continue;
        domain::flag_expense fe;
        fe.id = e.getColumn(0).getInt64();
        fe.cfdi_uuid = e.getColumn(2).getString();
        fe.rfc = e.getColumn(3).getString();
        fe.supplier = e.getColumn(4).getString();
        fe.amount = e.getColumn(5).getInt64();
        fe.invoice_date = e.getColumn(6).getString();
        fe.voided = e.getColumn(7).getInt() != 0;
        it->second->expenses.push_back(std::move(fe));
    }

    SQLite::Statement v(db, "SELECT ev.work_id, ev.kind, ev.file_sha256 "
                            "FROM evidence ev JOIN work_items w ON w.id = ev.work_id "
                            "WHERE w.edition = ? AND ev.voided_at IS NULL ORDER BY ev.id");
    v.bind(1, edition);
    while (v.executeStep()) {
        auto it = works.find(v.getColumn(0).getInt64());
        if (it == works.end())
            continue;
        auto kind = v.getColumn(1).getString();
        auto& fw = *it->second;
        if (kind == "foto_antes")
            ++fw.photos_before;
        else if (kind == "foto_despues")
            ++fw.photos_after;
        else if (kind == "entrega_recepcion")
            fw.entrega_recepcion = true;
        if (kind.starts_with("foto_"))
            fw.photo_sha256.push_back(v.getColumn(2).getString());
    }
    return clinics;
}

std::vector<domain::flag_other_use> read_flag_other_uses(SQLite::Database& db, int edition) {
    SQLite::Statement q(db, "SELECT e.id, e.cfdi_uuid, e.clues, w.edition, e.work_id, "
                            "e.amount_centavos, e.voided_at IS NOT NULL "
                            "FROM expenses e JOIN work_items w ON w.id = e.work_id "
                            "WHERE w.edition <> ? AND e.cfdi_uuid IN (SELECT x.cfdi_uuid FROM "
                            "expenses x JOIN work_items y ON y.id = x.work_id WHERE "
                            "y.edition = ?) ORDER BY e.id");
    q.bind(1, edition);
    q.bind(2, edition);
    std::vector<domain::flag_other_use> out;
    while (q.executeStep()) {
        domain::flag_other_use o;
        o.expense_id = q.getColumn(0).getInt64();
        o.cfdi_uuid = q.getColumn(1).getString();
        o.clues = q.getColumn(2).getString();
        o.edition = q.getColumn(3).getInt();
        o.work_id = q.getColumn(4).getInt64();
        o.amount = q.getColumn(5).getInt64();
        o.voided = q.getColumn(6).getInt() != 0;
        out.push_back(std::move(o));
    }
    return out;
}

std::optional<int> newest_flag_edition(SQLite::Database& db) {
    SQLite::Statement q(db, "SELECT max(edition) FROM work_items");
    if (q.executeStep() && !q.getColumn(0).isNull())
        return q.getColumn(0).getInt();
    return std::nullopt;
}

std::optional<domain::flag_thresholds> find_flag_thresholds(SQLite::Database& db, int edition) {
    SQLite::Statement q(db, "SELECT quote_gap_percent, supplier_min_clinics, "
                            "supplier_share_percent, ring_min_works, outlier_multiple, "
                            "unproven_days FROM red_flag_thresholds WHERE edition = ?");
    q.bind(1, edition);
    if (!q.executeStep())
        return std::nullopt;
    domain::flag_thresholds t;
    t.quote_gap_percent = q.getColumn(0).getInt();
    t.supplier_min_clinics = q.getColumn(1).getInt();
    t.supplier_share_percent = q.getColumn(2).getInt();
    t.ring_min_works = q.getColumn(3).getInt();
    t.outlier_multiple = q.getColumn(4).getInt();
    t.unproven_days = q.getColumn(5).getInt();
    return t;
}

void upsert_flag_thresholds(write_context& ctx, int edition, const domain::flag_thresholds& t,
                            std::int64_t set_by) {
    auto& ins = ctx.statement(
        "INSERT INTO red_flag_thresholds (edition, quote_gap_percent, supplier_min_clinics, "
        "supplier_share_percent, ring_min_works, outlier_multiple, unproven_days, set_by, "
        "set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (edition) DO UPDATE SET "
        "quote_gap_percent = excluded.quote_gap_percent, "
        "supplier_min_clinics = excluded.supplier_min_clinics, "
        "supplier_share_percent = excluded.supplier_share_percent, "
        "ring_min_works = excluded.ring_min_works, outlier_multiple = excluded.outlier_multiple, "
        "unproven_days = excluded.unproven_days, set_by = excluded.set_by, "
        "set_at = excluded.set_at");
    ins.bind(1, edition);
    ins.bind(2, t.quote_gap_percent);
    ins.bind(3, t.supplier_min_clinics);
    ins.bind(4, t.supplier_share_percent);
    ins.bind(5, t.ring_min_works);
    ins.bind(6, t.outlier_multiple);
    ins.bind(7, t.unproven_days);
    if (set_by > 0)
        ins.bind(8, static_cast<int64_t>(set_by));
    else
        ins.bind(8);
    ins.bind(9, ctx.now());
    ins.exec();
}

void upsert_flag_review(write_context& ctx, int edition, const std::string& flag_key,
                        const std::string& note, std::int64_t reviewed_by) {
    auto& ins = ctx.statement(
        "INSERT INTO red_flag_reviews (edition, flag_key, note, reviewed_by, reviewed_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (edition, flag_key) DO UPDATE SET "
        "note = excluded.note, reviewed_by = excluded.reviewed_by, "
        "reviewed_at = excluded.reviewed_at");
    ins.bind(1, edition);
    ins.bind(2, flag_key);
    ins.bind(3, note);
    if (reviewed_by > 0)
        ins.bind(4, static_cast<int64_t>(reviewed_by));
    else
        ins.bind(4);
    ins.bind(5, ctx.now());
    ins.exec();
}

namespace {

flag_review_row red_flag_review_of(SQLite::Statement& q) {
    return {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64(),
            q.getColumn(3).getString()};
}

} // namespace

std::vector<flag_review_row> list_flag_reviews(SQLite::Database& db, int edition) {
    SQLite::Statement q(db, "SELECT flag_key, note, coalesce(reviewed_by, 0), reviewed_at FROM "
                            "red_flag_reviews WHERE edition = ? ORDER BY flag_key");
    q.bind(1, edition);
    std::vector<flag_review_row> out;
    while (q.executeStep())
        out.push_back(red_flag_review_of(q));
    return out;
}

std::optional<flag_review_row> find_flag_review(SQLite::Database& db, int edition,
                                                const std::string& flag_key) {
    SQLite::Statement q(db, "SELECT flag_key, note, coalesce(reviewed_by, 0), reviewed_at FROM "
                            "red_flag_reviews WHERE edition = ? AND flag_key = ?");
    q.bind(1, edition);
    q.bind(2, flag_key);
    if (!q.executeStep())
        return std::nullopt;
    return red_flag_review_of(q);
}

} // namespace asamblea::store
