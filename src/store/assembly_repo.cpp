#include "store/assembly_repo.hpp"

#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

namespace asamblea::store {

std::int64_t create_assembly(write_context& ctx, const std::string& clues, int edition,
                             const std::string& scheduled_at, int quorum_min) {
    SQLite::Statement ins(ctx.db(),
                          "INSERT INTO assemblies (clues, edition, scheduled_at, "
                          "quorum_min, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, clues);
    ins.bind(2, edition);
    if (scheduled_at.empty())
        ins.bind(3);
    else
        ins.bind(3, scheduled_at);
    ins.bind(4, quorum_min);
    ins.bind(5, ctx.now());
    ins.bind(6, ctx.now());
    ins.exec();
    auto id = ctx.db().getLastInsertRowid();
    ctx.audit("assembly.created", clues,
              {{"assembly_id", id},
               {"edition", edition},
               {"scheduled_at", scheduled_at},
               {"quorum_min", quorum_min}});
    return id;
}

std::int64_t add_proposal(write_context& ctx, std::int64_t assembly_id, const std::string& clues,
                          const domain::proposal& p, std::string_view status) {
    SQLite::Statement ins(ctx.db(),
                          "INSERT INTO proposals (assembly_id, title, description, category, "
                          "cost_centavos, source, status, created_at, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(assembly_id));
    ins.bind(2, p.title);
    ins.bind(3, p.description);
    ins.bind(4, std::string(domain::to_string(p.category)));
    ins.bind(5, static_cast<int64_t>(p.cost));
    ins.bind(6, std::string(domain::to_string(p.source)));
    ins.bind(7, std::string(status));
    ins.bind(8, ctx.now());
    ins.bind(9, ctx.now());
    ins.exec();
    auto id = ctx.db().getLastInsertRowid();
    ctx.audit("proposal.added", clues,
              {{"assembly_id", assembly_id},
               {"proposal_id", id},
               {"title", p.title},
               {"category", domain::to_string(p.category)},
               {"cost_centavos", p.cost},
               {"source", domain::to_string(p.source)}});
    return id;
}

namespace {

constexpr const char* assembly_columns =
    "SELECT id, clues, edition, state, coalesce(scheduled_at, ''), quorum_min, "
    "coalesce(resumes_to, ''), speaker_seconds FROM assemblies ";

std::optional<assembly_row> read_assembly(SQLite::Statement& q) {
    if (!q.executeStep())
        return std::nullopt;
    assembly_row a;
    a.id = q.getColumn(0).getInt64();
    a.clues = q.getColumn(1).getString();
    a.edition = q.getColumn(2).getInt();
    // The column's CHECK constraint admits only the five states.
    a.state = domain::parse_assembly_state(q.getColumn(3).getString())
                  .value_or(domain::assembly_state::convocada);
    a.scheduled_at = q.getColumn(4).getString();
    a.quorum_min = q.getColumn(5).getInt();
    a.resumes_to = domain::parse_assembly_state(q.getColumn(6).getString());
    a.speaker_seconds = q.getColumn(7).getInt();
    return a;
}

} // namespace

std::optional<assembly_row> latest_assembly(SQLite::Database& db, const std::string& clues) {
    SQLite::Statement q(db, std::string(assembly_columns) +
                                "WHERE clues = ? ORDER BY edition DESC LIMIT 1");
    q.bind(1, clues);
    return read_assembly(q);
}

std::vector<assembly_row> list_assemblies(SQLite::Database& db, const std::string& clues) {
    SQLite::Statement q(db,
                        std::string(assembly_columns) + "WHERE clues = ? ORDER BY edition DESC");
    q.bind(1, clues);
    std::vector<assembly_row> out;
    while (auto a = read_assembly(q))
        out.push_back(std::move(*a));
    return out;
}

std::map<std::string, current_assembly> current_assemblies(SQLite::Database& db,
                                                           const std::vector<std::string>& clues) {
    const std::string list = nlohmann::json(clues).dump();
    std::map<std::string, current_assembly> out;
    std::map<std::int64_t, std::string> by_id;
    SQLite::Statement q(db, std::string(assembly_columns) +
                                "WHERE clues IN (SELECT value FROM json_each(?1)) AND edition = "
                                "(SELECT max(b.edition) FROM assemblies b "
                                "WHERE b.clues = assemblies.clues)");
    q.bind(1, list);
    while (auto a = read_assembly(q)) {
        by_id[a->id] = a->clues;
        out[a->clues].assembly = std::move(*a);
    }
    // As the national dashboard counts attendance (the partial index keeps it in the index).
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& [id, _] : by_id)
        ids.push_back(id);
    SQLite::Statement n(db, "SELECT assembly_id, count(*) FROM credentials "
                            "WHERE status = 'activa' AND assembly_id IN "
                            "(SELECT value FROM json_each(?1)) GROUP BY assembly_id");
    n.bind(1, ids.dump());
    while (n.executeStep())
        out[by_id.at(n.getColumn(0).getInt64())].attendance = n.getColumn(1).getInt64();
    return out;
}

std::optional<assembly_row> find_assembly(SQLite::Database& db, const std::string& clues,
                                          int edition) {
    SQLite::Statement q(db, std::string(assembly_columns) + "WHERE clues = ? AND edition = ?");
    q.bind(1, clues);
    q.bind(2, edition);
    return read_assembly(q);
}

bool update_assembly_state(write_context& ctx, const assembly_row& a,
                           const domain::assembly_phase& next) {
    std::string from(domain::to_string(a.state));
    std::string to(domain::to_string(next.state));
    SQLite::Statement upd(ctx.db(), "UPDATE assemblies SET state = ?, resumes_to = ?, "
                                    "updated_at = ? WHERE id = ? AND state = ?");
    upd.bind(1, to);
    if (!next.resumes_to)
        upd.bind(2);
    else
        upd.bind(2, std::string(domain::to_string(*next.resumes_to)));
    upd.bind(3, ctx.now());
    upd.bind(4, static_cast<int64_t>(a.id));
    upd.bind(5, from);
    if (upd.exec() == 0)
        return false;
    ctx.audit("assembly.transition", a.clues, {{"assembly_id", a.id}, {"from", from}, {"to", to}});
    return true;
}

void update_quorum(write_context& ctx, const assembly_row& a, int quorum_min) {
    SQLite::Statement upd(ctx.db(),
                          "UPDATE assemblies SET quorum_min = ?, updated_at = ? WHERE id = ?");
    upd.bind(1, quorum_min);
    upd.bind(2, ctx.now());
    upd.bind(3, static_cast<int64_t>(a.id));
    upd.exec();
    ctx.audit("assembly.quorum_changed", a.clues,
              {{"assembly_id", a.id}, {"quorum_min", quorum_min}});
}

void update_schedule(write_context& ctx, const assembly_row& a, const std::string& scheduled_at,
                     std::optional<int> quorum_min) {
    SQLite::Statement upd(ctx.db(), "UPDATE assemblies SET scheduled_at = ?, quorum_min = "
                                    "coalesce(?, quorum_min), updated_at = ? WHERE id = ?");
    upd.bind(1, scheduled_at);
    if (quorum_min)
        upd.bind(2, *quorum_min);
    else
        upd.bind(2);
    upd.bind(3, ctx.now());
    upd.bind(4, static_cast<int64_t>(a.id));
    upd.exec();
    nlohmann::json payload = {{"assembly_id", a.id}, {"scheduled_at", scheduled_at}};
    if (quorum_min)
        payload["quorum_min"] = *quorum_min;
    ctx.audit("assembly.rescheduled", a.clues, payload);
}

void update_speaker_seconds(write_context& ctx, const assembly_row& a, int seconds) {
    SQLite::Statement upd(ctx.db(),
                          "UPDATE assemblies SET speaker_seconds = ?, updated_at = ? WHERE id = ?");
    upd.bind(1, seconds);
    upd.bind(2, ctx.now());
    upd.bind(3, static_cast<int64_t>(a.id));
    upd.exec();
    ctx.audit("floor.speaker_seconds", a.clues,
              {{"assembly_id", a.id}, {"speaker_seconds", seconds}});
}

bool assembly_closed_or_absent(SQLite::Database& db, std::int64_t assembly_id) {
    SQLite::Statement q(db, "SELECT state FROM assemblies WHERE id = ?");
    q.bind(1, static_cast<int64_t>(assembly_id));
    return !q.executeStep() || q.getColumn(0).getString() == "cerrada";
}

std::optional<int> assembly_edition(SQLite::Database& db, std::int64_t assembly_id) {
    SQLite::Statement q(db, "SELECT edition FROM assemblies WHERE id = ?");
    q.bind(1, static_cast<int64_t>(assembly_id));
    if (!q.executeStep())
        return std::nullopt;
    return q.getColumn(0).getInt();
}

} // namespace asamblea::store
