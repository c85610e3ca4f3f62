#include "store/evidence_repo.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {
namespace {

constexpr const char* evidence_select =
    "SELECT e.id, e.work_id, e.kind, e.file_sha256, e.mime, e.size_bytes, e.taken_at, "
    "e.latitude, e.longitude, e.note, coalesce(e.uploaded_by, 0), e.created_at, "
    "coalesce(e.voided_at, ''), coalesce(e.void_reason, '') FROM evidence e ";

evidence_row read_evidence(SQLite::Statement& q) {
    evidence_row r;
    r.id = q.getColumn(0).getInt64();
    r.work_id = q.getColumn(1).getInt64();
    r.kind = domain::parse_evidence_kind(q.getColumn(2).getString())
                 .value_or(domain::evidence_kind::documento);
    r.file_sha256 = q.getColumn(3).getString();
    r.mime = q.getColumn(4).getString();
    if (!q.getColumn(5).isNull())
        r.size_bytes = q.getColumn(5).getInt64();
    if (!q.getColumn(6).isNull())
        r.taken_at = q.getColumn(6).getString();
    if (!q.getColumn(7).isNull())
        r.latitude = q.getColumn(7).getDouble();
    if (!q.getColumn(8).isNull())
        r.longitude = q.getColumn(8).getDouble();
    r.note = q.getColumn(9).getString();
    r.uploaded_by = q.getColumn(10).getInt64();
    r.created_at = q.getColumn(11).getString();
    r.voided_at = q.getColumn(12).getString();
    r.void_reason = q.getColumn(13).getString();
    return r;
}

} // namespace

std::int64_t insert_evidence(write_context& ctx, const evidence_row& row) {
    auto& ins = ctx.statement(
        "INSERT INTO evidence (work_id, kind, file_sha256, mime, size_bytes, taken_at, latitude, "
        "longitude, note, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(row.work_id));
    ins.bind(2, std::string(domain::to_string(row.kind)));
    ins.bind(3, row.file_sha256);
    ins.bind(4, row.mime);
    if (row.size_bytes)
        ins.bind(5, static_cast<int64_t>(*row.size_bytes));
    else
        ins.bind(5);
    if (row.taken_at)
        ins.bind(6, *row.taken_at);
    else
        ins.bind(6);
    if (row.latitude)
        ins.bind(7, *row.latitude);
    else
        ins.bind(7);
    if (row.longitude)
        ins.bind(8, *row.longitude);
    else
        ins.bind(8);
    ins.bind(9, row.note);
    if (row.uploaded_by > 0)
        ins.bind(10, static_cast<int64_t>(row.uploaded_by));
    else
        ins.bind(10);
    ins.bind(11, ctx.now());
    ins.exec();
    return ctx.db().getLastInsertRowid();
}

bool void_evidence(write_context& ctx, std::int64_t id, const std::string& reason) {
    auto& upd = ctx.statement(
        "UPDATE evidence SET voided_at = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL");
    upd.bind(1, ctx.now());
    upd.bind(2, reason);
    upd.bind(3, static_cast<int64_t>(id));
    return upd.exec() == 1;
}

std::vector<evidence_row> list_evidence(SQLite::Database& db, std::int64_t work_id) {
    SQLite::Statement q(db, std::string(evidence_select) + "WHERE e.work_id = ? ORDER BY e.id");
    q.bind(1, static_cast<int64_t>(work_id));
    std::vector<evidence_row> out;
    while (q.executeStep())
        out.push_back(read_evidence(q));
    return out;
}

std::optional<evidence_row> find_evidence(SQLite::Database& db, const std::string& clues,
                                          std::int64_t id) {
    SQLite::Statement q(db, std::string(evidence_select) +
                                "JOIN work_items w ON w.id = e.work_id WHERE w.clues = ? AND "
                                "e.id = ?");
    q.bind(1, clues);
    q.bind(2, static_cast<int64_t>(id));
    if (!q.executeStep())
        return std::nullopt;
    return read_evidence(q);
}

std::vector<domain::evidence_kind>
live_evidence_kinds(SQLite::Database& db, const std::string& clues, const std::string& sha256) {
    SQLite::Statement q(db, "SELECT DISTINCT e.kind FROM evidence e JOIN work_items w ON w.id = "
                            "e.work_id WHERE w.clues = ? AND e.file_sha256 = ? AND e.voided_at "
                            "IS NULL ORDER BY e.kind");
    q.bind(1, clues);
    q.bind(2, sha256);
    std::vector<domain::evidence_kind> out;
    while (q.executeStep())
        if (auto kind = domain::parse_evidence_kind(q.getColumn(0).getString()))
            out.push_back(*kind);
    return out;
}

bool clinic_names_file(SQLite::Database& db, const std::string& clues, const std::string& sha256) {
    SQLite::Statement q(db, R"sql(
SELECT EXISTS (SELECT 1 FROM evidence e JOIN work_items w ON w.id = e.work_id
               WHERE w.clues = ?1 AND e.file_sha256 = ?2)
    OR EXISTS (SELECT 1 FROM quotes q JOIN work_items w ON w.id = q.work_id
               WHERE w.clues = ?1 AND q.file_sha256 = ?2)
    OR EXISTS (SELECT 1 FROM expenses x
               WHERE x.clues = ?1 AND ?2 IN (x.xml_sha256, x.pdf_sha256, x.payment_sha256)))sql");
    q.bind(1, clues);
    q.bind(2, sha256);
    return q.executeStep() && q.getColumn(0).getInt() != 0;
}

} // namespace asamblea::store
