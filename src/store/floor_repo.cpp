#include "store/floor_repo.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

namespace asamblea::store {
namespace {

constexpr const char* floor_columns =
    "SELECT f.id, f.attendee_id, a.nombre, f.status, f.requested_at, "
    "coalesce(f.started_at, '') FROM floor_requests f JOIN attendees a ON a.id = f.attendee_id ";

floor_row read_floor_row(SQLite::Statement& q) {
    return floor_row{q.getColumn(0).getInt64(),  q.getColumn(1).getInt64(),
                     q.getColumn(2).getString(), q.getColumn(3).getString(),
                     q.getColumn(4).getString(), q.getColumn(5).getString()};
}

// One status move of one request, only from the expected status.
bool move(write_context& ctx, std::int64_t assembly_id, std::int64_t id, const char* from,
          const char* to, const char* time_column) {
    SQLite::Statement upd(ctx.db(), std::string("UPDATE floor_requests SET status = ?, ") +
                                        time_column +
                                        " = ? WHERE id = ? AND assembly_id = ? AND status = ?");
    upd.bind(1, to);
    upd.bind(2, ctx.now());
    upd.bind(3, static_cast<int64_t>(id));
    upd.bind(4, static_cast<int64_t>(assembly_id));
    upd.bind(5, from);
    return upd.exec() == 1;
}

} // namespace

domain::floor_queue floor_rows::queue() const {
    std::optional<domain::floor_entry> speaking;
    if (current)
        speaking = domain::floor_entry{current->id, current->attendee_id};
    std::vector<domain::floor_entry> queued;
    for (const auto& w : waiting)
        queued.push_back({w.id, w.attendee_id});
    return domain::floor_queue(speaking, std::move(queued));
}

floor_rows load_floor(SQLite::Database& db, std::int64_t assembly_id) {
    floor_rows out;
    SQLite::Statement q(db, std::string(floor_columns) +
                                "WHERE f.assembly_id = ? AND f.status IN ('esperando', "
                                "'hablando') ORDER BY f.id");
    q.bind(1, static_cast<int64_t>(assembly_id));
    while (q.executeStep()) {
        auto row = read_floor_row(q);
        if (row.status == "hablando")
            out.current = std::move(row);
        else
            out.waiting.push_back(std::move(row));
    }
    return out;
}

std::optional<floor_row> find_floor_request(SQLite::Database& db, std::int64_t assembly_id,
                                            std::int64_t id) {
    SQLite::Statement q(db, std::string(floor_columns) + "WHERE f.assembly_id = ? AND f.id = ?");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.bind(2, static_cast<int64_t>(id));
    if (!q.executeStep())
        return std::nullopt;
    return read_floor_row(q);
}

domain::result<std::int64_t> insert_floor_request(write_context& ctx, const std::string& clues,
                                                  std::int64_t assembly_id,
                                                  std::int64_t attendee_id) {
    SQLite::Statement ins(ctx.db(), "INSERT INTO floor_requests (assembly_id, attendee_id, "
                                    "requested_at) VALUES (?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(assembly_id));
    ins.bind(2, static_cast<int64_t>(attendee_id));
    ins.bind(3, ctx.now());
    try {
        ins.exec();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() != SQLITE_CONSTRAINT_UNIQUE)
            throw;
        return domain::fail(domain::error_kind::conflict, "already_waiting",
                            "Usted ya pidió la palabra; espere su turno.");
    }
    auto id = ctx.db().getLastInsertRowid();
    ctx.audit("floor.requested", clues,
              {{"assembly_id", assembly_id}, {"request_id", id}, {"attendee_id", attendee_id}});
    return id;
}

bool withdraw_floor_request(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                            std::int64_t id) {
    if (!move(ctx, assembly_id, id, "esperando", "retirada", "ended_at"))
        return false;
    ctx.audit("floor.withdrawn", clues, {{"assembly_id", assembly_id}, {"request_id", id}});
    return true;
}

void withdraw_waiting_of(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                         std::int64_t attendee_id) {
    SQLite::Statement q(ctx.db(), "SELECT id FROM floor_requests WHERE assembly_id = ? AND "
                                  "attendee_id = ? AND status = 'esperando'");
    q.bind(1, static_cast<int64_t>(assembly_id));
    q.bind(2, static_cast<int64_t>(attendee_id));
    std::vector<std::int64_t> ids;
    while (q.executeStep())
        ids.push_back(q.getColumn(0).getInt64());
    for (auto id : ids)
        withdraw_floor_request(ctx, clues, assembly_id, id);
}

bool apply_floor_change(write_context& ctx, const std::string& clues, std::int64_t assembly_id,
                        const domain::floor_change& change) {
    if (change.ended) {
        if (!move(ctx, assembly_id, *change.ended, "hablando", "atendida", "ended_at"))
            return false;
        ctx.audit("floor.ended", clues,
                  {{"assembly_id", assembly_id}, {"request_id", *change.ended}});
    }
    if (change.started) {
        if (!move(ctx, assembly_id, *change.started, "esperando", "hablando", "started_at"))
            return false;
        ctx.audit("floor.given", clues,
                  {{"assembly_id", assembly_id}, {"request_id", *change.started}});
    }
    return true;
}

} // namespace asamblea::store
