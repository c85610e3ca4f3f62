#include "store/quote_repo.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {
namespace {

constexpr const char* quote_select =
    "SELECT q.id, q.work_id, q.supplier, q.rfc, q.rfc_digit_ok, q.amount_centavos, q.quoted_on, "
    "q.valid_until, q.file_sha256, coalesce(q.created_by, 0), q.created_at, "
    "coalesce(q.voided_at, ''), coalesce(q.void_reason, '') FROM quotes q ";

quote_row read_quote(SQLite::Statement& s) {
    quote_row r;
    r.q.id = s.getColumn(0).getInt64();
    r.work_id = s.getColumn(1).getInt64();
    r.q.supplier = s.getColumn(2).getString();
    r.q.rfc = s.getColumn(3).getString();
    r.rfc_digit_ok = s.getColumn(4).getInt() != 0;
    r.q.amount = s.getColumn(5).getInt64();
    r.q.date = s.getColumn(6).getString();
    r.q.valid_until = s.getColumn(7).getString();
    r.file_sha256 = s.getColumn(8).getString();
    r.created_by = s.getColumn(9).getInt64();
    r.created_at = s.getColumn(10).getString();
    r.voided_at = s.getColumn(11).getString();
    r.void_reason = s.getColumn(12).getString();
    r.q.voided = !r.voided_at.empty();
    return r;
}

} // namespace

std::int64_t insert_quote(write_context& ctx, const quote_row& row) {
    auto& ins = ctx.statement(
        "INSERT INTO quotes (work_id, supplier, rfc, rfc_digit_ok, amount_centavos, quoted_on, "
        "valid_until, file_sha256, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(row.work_id));
    ins.bind(2, row.q.supplier);
    ins.bind(3, row.q.rfc);
    ins.bind(4, row.rfc_digit_ok ? 1 : 0);
    ins.bind(5, static_cast<int64_t>(row.q.amount));
    ins.bind(6, row.q.date);
    ins.bind(7, row.q.valid_until);
    ins.bind(8, row.file_sha256);
    if (row.created_by > 0)
        ins.bind(9, static_cast<int64_t>(row.created_by));
    else
        ins.bind(9);
    ins.bind(10, ctx.now());
    ins.exec();
    return ctx.db().getLastInsertRowid();
}

bool void_quote(write_context& ctx, std::int64_t id, const std::string& reason) {
    auto& upd = ctx.statement(
        "UPDATE quotes SET voided_at = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL");
    upd.bind(1, ctx.now());
    upd.bind(2, reason);
    upd.bind(3, static_cast<int64_t>(id));
    return upd.exec() == 1;
}

std::vector<quote_row> list_quotes(SQLite::Database& db, std::int64_t work_id) {
    SQLite::Statement q(db, std::string(quote_select) + "WHERE q.work_id = ? ORDER BY q.id");
    q.bind(1, static_cast<int64_t>(work_id));
    std::vector<quote_row> out;
    while (q.executeStep())
        out.push_back(read_quote(q));
    return out;
}

std::optional<quote_row> find_quote(SQLite::Database& db, const std::string& clues,
                                    std::int64_t id) {
    SQLite::Statement q(db, std::string(quote_select) +
                                "JOIN work_items w ON w.id = q.work_id WHERE w.clues = ? AND "
                                "q.id = ?");
    q.bind(1, clues);
    q.bind(2, static_cast<int64_t>(id));
    if (!q.executeStep())
        return std::nullopt;
    return read_quote(q);
}

std::vector<domain::quote> to_quotes(const std::vector<quote_row>& rows) {
    std::vector<domain::quote> out;
    out.reserve(rows.size());
    for (const auto& r : rows)
        out.push_back(r.q);
    return out;
}

} // namespace asamblea::store
