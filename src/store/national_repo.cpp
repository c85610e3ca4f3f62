#include "store/national_repo.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>

namespace asamblea::store {
namespace {

// Every clinic's current assembly (its newest edition) in the filter's entidad and scope, with
// its attendance: the attendees holding an active credential, as count_attendance counts them
// (the partial index credentials_active_by_assembly keeps each count inside the index).
// MATERIALIZED so each attendance is counted once though the totals use it twice (650 assemblies
// and 97,500 credentials: about 25 ms per query on the loaded development machine).
// ?1 entidad ('' = all), ?2 scoped (0 = national), ?3 the scope's CLUES as a JSON array.
constexpr const char* current_assemblies = R"sql(
WITH cur AS MATERIALIZED (
    SELECT a.id, a.clues, a.state, a.quorum_min, a.updated_at, c.nombre, c.entidad, c.institucion,
           (SELECT count(*) FROM credentials cr
             WHERE cr.assembly_id = a.id AND cr.status = 'activa') AS attendance
      FROM clinics c JOIN assemblies a ON a.clues = c.clues
     WHERE a.edition = (SELECT max(b.edition) FROM assemblies b WHERE b.clues = c.clues)
       AND (?1 = '' OR c.entidad = ?1)
       AND (?2 = 0 OR c.clues IN (SELECT value FROM json_each(?3)))
       AND NOT EXISTS (SELECT 1 FROM clinic_moves mo WHERE mo.clues = c.clues
                                                      AND mo.direction = 'out')
)
)sql";

void bind_scope(SQLite::Statement& q, const national_filter& f, const std::string& scope_json) {
    q.bind(1, f.entidad);
    q.bind(2, f.scope.empty() ? 0 : 1);
    q.bind(3, scope_json);
}

national_totals read_totals(SQLite::Database& db, const national_filter& f,
                            const std::string& scope_json) {
    // Quorum as domain::quorum_met decides it, counted only where it matters now: an assembly
    // taking attendance or in session (a convocada one with quorum 0 has no one to count).
    SQLite::Statement q(db, std::string(current_assemblies) + R"sql(
SELECT state, count(*),
       sum(state IN ('registro', 'en_sesion') AND attendance >= quorum_min),
       sum(EXISTS (SELECT 1 FROM rounds r WHERE r.assembly_id = cur.id AND r.status = 'abierta')),
       sum(attendance)
  FROM cur GROUP BY state
)sql");
    bind_scope(q, f, scope_json);
    national_totals t;
    for (const char* s : {"convocada", "registro", "en_sesion", "suspendida", "cerrada"})
        t.by_state[s] = 0;
    while (q.executeStep()) {
        auto n = q.getColumn(1).getInt64();
        t.by_state[q.getColumn(0).getString()] = n;
        t.assemblies += n;
        t.with_quorum += q.getColumn(2).getInt64();
        t.voting += q.getColumn(3).getInt64();
        t.attendance += q.getColumn(4).getInt64();
    }
    return t;
}

std::vector<national_row> read_rows(SQLite::Database& db, const national_filter& f,
                                    const std::string& scope_json) {
    // The current round as round_repo's current_round picks it: the open one, else the newest
    // that was not cancelled.
    SQLite::Statement q(db, std::string(current_assemblies) + R"sql(
SELECT cur.clues, cur.nombre, cur.entidad, cur.state, cur.attendance, cur.quorum_min,
       r.id, r.title, r.status, max(cur.updated_at, coalesce(r.updated_at, '')),
       cur.institucion,
       (SELECT count(*) FROM ballots b WHERE b.round_id = r.id AND b.replaced_at IS NULL)
  FROM cur
  LEFT JOIN rounds r ON r.id = (SELECT r2.id FROM rounds r2
                                 WHERE r2.assembly_id = cur.id AND r2.cancelled_at IS NULL
                                 ORDER BY r2.status = 'abierta' DESC, r2.id DESC LIMIT 1)
 WHERE (?4 = '' OR cur.state = ?4) AND cur.clues > ?5
 ORDER BY cur.clues
 LIMIT ?6
)sql");
    bind_scope(q, f, scope_json);
    q.bind(4, f.estado);
    q.bind(5, f.after);
    q.bind(6, f.limit + 1); // one more tells whether another page follows
    std::vector<national_row> rows;
    while (q.executeStep()) {
        national_row r;
        r.clues = q.getColumn(0).getString();
        r.nombre = q.getColumn(1).getString();
        r.entidad = q.getColumn(2).getString();
        r.state = q.getColumn(3).getString();
        r.attendance = q.getColumn(4).getInt64();
        r.quorum_min = q.getColumn(5).getInt();
        if (!q.getColumn(6).isNull()) {
            r.round_id = q.getColumn(6).getInt64();
            r.round_title = q.getColumn(7).getString();
            r.round_status = q.getColumn(8).getString();
        }
        r.updated_at = q.getColumn(9).getString();
        r.institucion = q.getColumn(10).getString();
        r.ballots = q.getColumn(11).getInt64();
        rows.push_back(std::move(r));
    }
    return rows;
}

} // namespace

national_dashboard read_national_dashboard(SQLite::Database& db, const national_filter& filter) {
    std::string scope_json = nlohmann::json(filter.scope).dump();
    // One read transaction: the totals and the rows come from the same snapshot.
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::DEFERRED);
    national_dashboard out;
    out.totals = read_totals(db, filter, scope_json);
    out.rows = read_rows(db, filter, scope_json);
    tx.commit();
    if (out.rows.size() > static_cast<std::size_t>(filter.limit)) {
        out.rows.resize(static_cast<std::size_t>(filter.limit));
        out.next_after = out.rows.back().clues;
    }
    return out;
}

} // namespace asamblea::store
