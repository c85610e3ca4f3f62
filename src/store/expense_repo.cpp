#include "store/expense_repo.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {
namespace {

constexpr const char* expense_select =
    "SELECT id, work_id, clues, amount_centavos, cfdi_uuid, emisor_rfc, emisor_nombre, fecha, "
    "xml_sha256, pdf_sha256, coalesce(payment_sha256, ''), coalesce(recorded_by, 0), "
    "created_at, coalesce(voided_at, ''), coalesce(void_reason, '') FROM expenses ";

expense_row read_expense(SQLite::Statement& q) {
    expense_row r;
    r.id = q.getColumn(0).getInt64();
    r.work_id = q.getColumn(1).getInt64();
    r.clues = q.getColumn(2).getString();
    r.amount = q.getColumn(3).getInt64();
    r.cfdi_uuid = q.getColumn(4).getString();
    r.emisor_rfc = q.getColumn(5).getString();
    r.emisor_nombre = q.getColumn(6).getString();
    r.fecha = q.getColumn(7).getString();
    r.xml_sha256 = q.getColumn(8).getString();
    r.pdf_sha256 = q.getColumn(9).getString();
    r.payment_sha256 = q.getColumn(10).getString();
    r.recorded_by = q.getColumn(11).getInt64();
    r.created_at = q.getColumn(12).getString();
    r.voided_at = q.getColumn(13).getString();
    r.void_reason = q.getColumn(14).getString();
    return r;
}

} // namespace

std::int64_t insert_expense(write_context& ctx, const expense_row& row) {
    auto& ins = ctx.statement(
        "INSERT INTO expenses (work_id, clues, amount_centavos, cfdi_uuid, emisor_rfc, "
        "emisor_nombre, fecha, xml_sha256, pdf_sha256, payment_sha256, recorded_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(row.work_id));
    ins.bind(2, row.clues);
    ins.bind(3, static_cast<int64_t>(row.amount));
    ins.bind(4, row.cfdi_uuid);
    ins.bind(5, row.emisor_rfc);
    ins.bind(6, row.emisor_nombre);
    ins.bind(7, row.fecha);
    ins.bind(8, row.xml_sha256);
    ins.bind(9, row.pdf_sha256);
    if (row.payment_sha256.empty())
        ins.bind(10);
    else
        ins.bind(10, row.payment_sha256);
    if (row.recorded_by > 0)
        ins.bind(11, static_cast<int64_t>(row.recorded_by));
    else
        ins.bind(11);
    ins.bind(12, ctx.now());
    ins.exec();
    return ctx.db().getLastInsertRowid();
}

bool void_expense(write_context& ctx, std::int64_t id, const std::string& reason) {
    auto& upd = ctx.statement(
        "UPDATE expenses SET voided_at = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL");
    upd.bind(1, ctx.now());
    upd.bind(2, reason);
    upd.bind(3, static_cast<int64_t>(id));
    return upd.exec() == 1;
}

std::vector<expense_row> list_expenses(SQLite::Database& db, std::int64_t work_id) {
    SQLite::Statement q(db, std::string(expense_select) + "WHERE work_id = ? ORDER BY id");
    q.bind(1, static_cast<int64_t>(work_id));
    std::vector<expense_row> out;
    while (q.executeStep())
        out.push_back(read_expense(q));
    return out;
}

std::optional<expense_row> find_expense(SQLite::Database& db, const std::string& clues,
                                        std::int64_t id) {
    SQLite::Statement q(db, std::string(expense_select) + "WHERE clues = ? AND id = ?");
    q.bind(1, clues);
    q.bind(2, static_cast<int64_t>(id));
    if (!q.executeStep())
        return std::nullopt;
    return read_expense(q);
}

std::optional<expense_row> find_live_expense_by_uuid(SQLite::Database& db,
                                                     const std::string& uuid) {
    SQLite::Statement q(db,
                        std::string(expense_select) + "WHERE cfdi_uuid = ? AND voided_at IS NULL");
    q.bind(1, uuid);
    if (!q.executeStep())
        return std::nullopt;
    return read_expense(q);
}

} // namespace asamblea::store
