#include "store/clinic_repo.hpp"

#include "store/sql_text.hpp"

#include <SQLiteCpp/Statement.h>

namespace asamblea::store {
namespace {

constexpr const char* clinic_columns =
    "clues, nombre, entidad, municipio, institucion, consultorios, tipo, presupuesto_centavos";

domain::clinic read_clinic(SQLite::Statement& q) {
    return domain::clinic{q.getColumn(0).getString(), q.getColumn(1).getString(),
                          q.getColumn(2).getString(), q.getColumn(3).getString(),
                          q.getColumn(4).getString(), q.getColumn(5).getInt(),
                          q.getColumn(6).getString(), q.getColumn(7).getInt64()};
}

std::string search_text(const domain::clinic& c) {
    return domain::fold_for_search(c.nombre + " " + c.clues + " " + c.municipio);
}

} // namespace

import_counts upsert_clinics(write_context& ctx, const std::vector<domain::clinic>& clinics,
                             const progress_fn& progress) {
    import_counts counts;
    SQLite::Statement exists(ctx.db(), "SELECT 1 FROM clinics WHERE clues = ?");
    SQLite::Statement upsert(
        ctx.db(),
        "INSERT INTO clinics (clues, nombre, entidad, municipio, institucion, consultorios, tipo, "
        "presupuesto_centavos, search_text, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (clues) DO UPDATE SET nombre = excluded.nombre, entidad = excluded.entidad, "
        "municipio = excluded.municipio, institucion = excluded.institucion, "
        "consultorios = excluded.consultorios, tipo = excluded.tipo, "
        "presupuesto_centavos = excluded.presupuesto_centavos, search_text = excluded.search_text, "
        "updated_at = excluded.updated_at");
    for (const auto& c : clinics) {
        exists.bind(1, c.clues);
        bool existed = exists.executeStep();
        exists.reset();
        (existed ? counts.updated : counts.inserted)++;
        upsert.bind(1, c.clues);
        upsert.bind(2, c.nombre);
        upsert.bind(3, c.entidad);
        upsert.bind(4, c.municipio);
        upsert.bind(5, c.institucion);
        upsert.bind(6, c.consultorios);
        upsert.bind(7, c.tipo);
        upsert.bind(8, static_cast<int64_t>(c.presupuesto));
        upsert.bind(9, search_text(c));
        upsert.bind(10, ctx.now());
        upsert.bind(11, ctx.now());
        upsert.exec();
        upsert.reset();
        if (progress)
            progress(counts.inserted + counts.updated, clinics.size());
    }
    ctx.audit(
        "clinics.imported", "",
        {{"count", clinics.size()}, {"inserted", counts.inserted}, {"updated", counts.updated}});
    return counts;
}

std::optional<domain::clinic> find_clinic(SQLite::Database& db, std::string_view clues) {
    SQLite::Statement q(db,
                        std::string("SELECT ") + clinic_columns + " FROM clinics WHERE clues = ?");
    q.bind(1, std::string(clues));
    if (!q.executeStep())
        return std::nullopt;
    return read_clinic(q);
}

clinic_page search_clinics(SQLite::Database& db, const clinic_query& query) {
    clinic_page page;
    page.page = query.page;
    page.per_page = query.per_page;
    std::string where = " c WHERE " + not_moved_out("c.clues");
    std::string folded = domain::fold_for_search(query.text);
    if (!folded.empty())
        where += " AND search_text LIKE ? ESCAPE '\\'";
    if (!query.entidad.empty())
        where += " AND entidad = ?";
    if (!query.institucion.empty())
        where += " AND institucion = ? COLLATE NOCASE";
    auto bind_filters = [&](SQLite::Statement& s) {
        int i = 1;
        if (!folded.empty())
            s.bind(i++, like_pattern(folded));
        if (!query.entidad.empty())
            s.bind(i++, query.entidad);
        if (!query.institucion.empty())
            s.bind(i++, query.institucion);
        return i;
    };
    SQLite::Statement count(db, "SELECT count(*) FROM clinics" + where);
    bind_filters(count);
    count.executeStep();
    page.total = count.getColumn(0).getInt64();

    SQLite::Statement q(db, std::string("SELECT ") + clinic_columns + " FROM clinics" + where +
                                " ORDER BY entidad, nombre, clues LIMIT ? OFFSET ?");
    int next = bind_filters(q);
    q.bind(next, query.per_page);
    q.bind(next + 1, static_cast<int64_t>(query.page - 1) * query.per_page);
    while (q.executeStep())
        page.items.push_back(read_clinic(q));
    return page;
}

std::vector<std::string> list_entidades(SQLite::Database& db) {
    std::vector<std::string> out;
    SQLite::Statement q(db, "SELECT DISTINCT entidad FROM clinics c WHERE " +
                                not_moved_out("c.clues") + " ORDER BY entidad");
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

std::int64_t count_clinics(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) FROM clinics").getInt64();
}

std::vector<clinic_key> clinic_keys_after(SQLite::Database& db, std::int64_t after) {
    SQLite::Statement q(db, "SELECT rowid, clues FROM clinics WHERE rowid > ? ORDER BY rowid");
    q.bind(1, after);
    std::vector<clinic_key> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString()});
    return out;
}

} // namespace asamblea::store
