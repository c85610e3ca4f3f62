#include "store/confirmation_repo.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

std::int64_t insert_confirmation(write_context& ctx, const confirmation_row& row) {
    auto& ins = ctx.statement("INSERT INTO work_confirmations (work_id, member_id, role, "
                              "user_id, at) VALUES (?, ?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(row.work_id));
    ins.bind(2, static_cast<int64_t>(row.member_id));
    ins.bind(3, std::string(domain::to_string(row.role)));
    if (row.user_id > 0)
        ins.bind(4, static_cast<int64_t>(row.user_id));
    else
        ins.bind(4);
    ins.bind(5, ctx.now());
    ins.exec();
    return ctx.db().getLastInsertRowid();
}

std::vector<confirmation_row> list_confirmations(SQLite::Database& db, std::int64_t work_id) {
    SQLite::Statement q(db, "SELECT id, work_id, member_id, role, coalesce(user_id, 0), at "
                            "FROM work_confirmations WHERE work_id = ? ORDER BY id");
    q.bind(1, static_cast<int64_t>(work_id));
    std::vector<confirmation_row> out;
    while (q.executeStep()) {
        confirmation_row r;
        r.id = q.getColumn(0).getInt64();
        r.work_id = q.getColumn(1).getInt64();
        r.member_id = q.getColumn(2).getInt64();
        r.role = domain::parse_committee_role(q.getColumn(3).getString())
                     .value_or(domain::committee_role::vocalia);
        r.user_id = q.getColumn(4).getInt64();
        r.at = q.getColumn(5).getString();
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace asamblea::store
