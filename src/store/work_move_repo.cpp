#include "store/work_move_repo.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

std::int64_t insert_work_move(write_context& ctx, const work_move_row& move) {
    auto& ins = ctx.statement("INSERT INTO work_moves (work_id, from_state, to_state, reason, "
                              "user_id, member_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(move.work_id));
    ins.bind(2, std::string(domain::to_string(move.from)));
    ins.bind(3, std::string(domain::to_string(move.to)));
    ins.bind(4, move.reason);
    if (move.user_id > 0)
        ins.bind(5, static_cast<int64_t>(move.user_id));
    else
        ins.bind(5);
    if (move.member_id > 0)
        ins.bind(6, static_cast<int64_t>(move.member_id));
    else
        ins.bind(6);
    ins.bind(7, ctx.now());
    ins.exec();
    return ctx.db().getLastInsertRowid();
}

std::vector<work_move_row> list_work_moves(SQLite::Database& db, std::int64_t work_id) {
    SQLite::Statement q(db, "SELECT m.id, m.work_id, m.from_state, m.to_state, m.reason, "
                            "coalesce(m.user_id, 0), coalesce(m.member_id, 0), m.at, c.role, "
                            "coalesce(c.nombre, '') FROM work_moves m "
                            "LEFT JOIN committee_members c ON c.id = m.member_id "
                            "WHERE m.work_id = ? ORDER BY m.id");
    q.bind(1, static_cast<int64_t>(work_id));
    std::vector<work_move_row> out;
    while (q.executeStep()) {
        work_move_row m;
        m.id = q.getColumn(0).getInt64();
        m.work_id = q.getColumn(1).getInt64();
        m.from = domain::parse_work_state(q.getColumn(2).getString())
                     .value_or(domain::work_state::planeado);
        m.to = domain::parse_work_state(q.getColumn(3).getString())
                   .value_or(domain::work_state::planeado);
        m.reason = q.getColumn(4).getString();
        m.user_id = q.getColumn(5).getInt64();
        m.member_id = q.getColumn(6).getInt64();
        m.at = q.getColumn(7).getString();
        if (!q.getColumn(8).isNull())
            m.by.role = domain::parse_committee_role(q.getColumn(8).getString());
        m.by.name = q.getColumn(9).getString();
        out.push_back(std::move(m));
    }
    return out;
}

} // namespace asamblea::store
