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
    SQLite::Statement q(db, "SELECT id, work_id, text, coalesce(user_id, 0), at FROM work_notes "
                            "WHERE work_id = ? ORDER BY id");
    q.bind(1, static_cast<int64_t>(work_id));
    std::vector<work_note_row> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                       q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                       q.getColumn(4).getString()});
    return out;
}

} // namespace asamblea::store
