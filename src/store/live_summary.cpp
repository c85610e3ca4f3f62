#include "store/live_summary.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {
bool credential_active(SQLite::Database& db, std::int64_t credential_id) {
    SQLite::Statement q(db, "SELECT 1 FROM credentials WHERE id = ? AND status = 'activa'");
    q.bind(1, static_cast<int64_t>(credential_id));
    return q.executeStep();
}

bool credential_active(write_context& ctx, std::int64_t credential_id) {
    auto& q = ctx.statement("SELECT 1 FROM credentials WHERE id = ? AND status = 'activa'");
    q.bind(1, static_cast<int64_t>(credential_id));
    bool active = q.executeStep();
    q.reset();
    return active;
}

} // namespace asamblea::store
