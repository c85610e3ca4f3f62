#include "store/deadline_repo.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {

void upsert_deadline(write_context& ctx, int edition, const std::string& deadline,
                     std::int64_t set_by) {
    auto& ins = ctx.statement(
        "INSERT INTO edition_deadlines (edition, deadline, set_by, set_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (edition) DO UPDATE SET deadline = excluded.deadline, "
        "set_by = excluded.set_by, set_at = excluded.set_at");
    ins.bind(1, edition);
    ins.bind(2, deadline);
    if (set_by > 0)
        ins.bind(3, static_cast<int64_t>(set_by));
    else
        ins.bind(3);
    ins.bind(4, ctx.now());
    ins.exec();
}

std::optional<deadline_row> find_deadline(SQLite::Database& db, int edition) {
    SQLite::Statement q(db, "SELECT edition, deadline, coalesce(set_by, 0), set_at FROM "
                            "edition_deadlines WHERE edition = ?");
    q.bind(1, edition);
    if (!q.executeStep())
        return std::nullopt;
    return deadline_row{q.getColumn(0).getInt(), q.getColumn(1).getString(),
                        q.getColumn(2).getInt64(), q.getColumn(3).getString()};
}

} // namespace asamblea::store
