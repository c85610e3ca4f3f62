#include "store/work_note_repo.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

std::int64_t insert_work_note(write_context& ctx, std::int64_t work_id, const std::string& text,
                              std::int64_t user_id) {
    auto& ins =
        ctx.statement("INSERT INTO work_notes (work_id, text, user_id, at) VALUES (?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(work_id));
    ins.bind(2, text);
    if (user_id > 0)
        ins.bind(3, static_cast<int64_t>(user_id));
    else
        ins.bind(3);
    ins.bind(4, ctx.now());
    ins.exec();
    return ctx.db().getLastInsertRowid();
}

std::vector<work_note_row> list_work_notes(SQLite::Database& db, std::int64_t work_id) {
    // Notes keep the user; the seat is the one that user holds on this clinic's committee in the
    // newest term (a note is only written by a current member).
    SQLite::Statement q(db, "SELECT n.id, n.work_id, n.text, coalesce(n.user_id, 0), n.at, c.role, "
                            "coalesce(c.nombre, '') FROM work_notes n "
                            "JOIN work_items w ON w.id = n.work_id "
                            "LEFT JOIN committee_members c ON c.id = ("
                            " SELECT id FROM committee_members WHERE user_id = n.user_id"
                            " AND clues = w.clues ORDER BY term DESC, id DESC LIMIT 1) "
                            "WHERE n.work_id = ? ORDER BY n.id");
    q.bind(1, static_cast<int64_t>(work_id));
    std::vector<work_note_row> out;
    while (q.executeStep()) {
        work_note_row n;
        n.id = q.getColumn(0).getInt64();
        n.work_id = q.getColumn(1).getInt64();
        n.text = q.getColumn(2).getString();
        n.user_id = q.getColumn(3).getInt64();
        n.at = q.getColumn(4).getString();
        if (!q.getColumn(5).isNull())
            n.by.role = domain::parse_committee_role(q.getColumn(5).getString());
        n.by.name = q.getColumn(6).getString();
        out.push_back(std::move(n));
    }
    return out;
}

} // namespace asamblea::store
