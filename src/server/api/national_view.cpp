// The national accountability view (issue 15 item 2), public and read-only, no login:
//   GET /api/open/national.json                  the whole view as one document
//   GET /api/open/national/{table}.csv | .json   each table (national_tables.hpp)
//   GET /api/open/national/charts/{chart}.svg    the charts (national_charts.hpp)
// Every route takes ?edition= (default: the newest edition with a closed assembly),
// ?stalled_days= (1–730, default 60), ?institucion= and ?entidad= (exact, to drill down).
#include "app/transparency/national_followup.hpp"
#include "domain/followup/stalled.hpp"
#include "server/api/app_context.hpp"
#include "server/api/followup_params.hpp"
#include "server/api/path_params.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/views/national_charts.hpp"
#include "server/views/national_json.hpp"
#include "server/views/national_tables.hpp"
#include "store/clock.hpp"
#include "store/store.hpp"

#include <SQLiteCpp/Transaction.h>

namespace asamblea::server {
namespace {

domain::error national_bad_query(const std::string& field, const std::string& message) {
    return {domain::error_kind::invalid, "bad_query", message, field, 0};
}

domain::result<app::national_followup_query> national_query(const request& req) {
    app::national_followup_query q;
    auto edition = edition_param(req);
    if (!edition)
        return std::unexpected(edition.error());
    q.edition = *edition;
    q.institucion = req.query_param("institucion");
    q.entidad = req.query_param("entidad");
    if (q.institucion.size() > max_query_text)
        return std::unexpected(
            national_bad_query("institucion", "El nombre de la institución es demasiado largo."));
    if (q.entidad.size() > max_query_text)
        return std::unexpected(
            national_bad_query("entidad", "El nombre de la entidad es demasiado largo."));
    static_assert(domain::min_stalled_days == 1, "positive_param starts at 1");
    auto days =
        positive_param(req, "stalled_days", domain::default_stalled_days, domain::max_stalled_days);
    if (!days)
        return std::unexpected(days.error());
    q.stalled_days = *days;
    q.today = today_in_mexico_city();
    return q;
}

app::national_followup national_read_followup(app_context& ctx,
                                              const app::national_followup_query& q) {
    auto db = ctx.store.readers().acquire();
    // One snapshot: the clinics, their works and their money agree with each other.
    SQLite::Transaction snapshot(*db);
    return app::read_national_followup(*db, q);
}

app::national_live national_read_live(app_context& ctx, const app::national_followup_query& q) {
    auto db = ctx.store.readers().acquire();
    return app::read_national_live(*db, q.institucion, q.entidad);
}

// Public and the same for everyone: a short cache spares the server a crowd at once.
response national_cacheable(response res, const std::string& type, const std::string& filename) {
    if (!type.empty())
        res.content_type = type;
    res.headers.emplace_back("Cache-Control", "public, max-age=60");
    if (!filename.empty())
        res.headers.emplace_back("Content-Disposition", "inline; filename=\"" + filename + "\"");
    return res;
}

std::string national_file_suffix(const app::national_followup& v,
                                 const app::national_followup_query& q) {
    return (v.edition ? "-" + std::to_string(v.edition) : std::string{}) +
           (q.institucion.empty() && q.entidad.empty() ? "" : "-filtrado");
}

domain::error national_no_file(const std::string& file) {
    return {domain::error_kind::not_found, "not_found", "No existe el archivo «" + file + "».",
            "file", 0};
}

response national_document(app_context& ctx, const request& req) {
    auto q = national_query(req);
    if (!q)
        return error_response(q.error());
    auto live = national_read_live(ctx, *q);
    auto followup = national_read_followup(ctx, *q);
    return national_cacheable(json_response(national_json(followup, live, q->institucion,
                                                          q->entidad, q->today, store::utc_now())),
                              "", "");
}

// /api/open/national/{table}.csv or .json
response national_table_file(app_context& ctx, const request& req) {
    const std::string& file = req.params.at("file");
    auto dot = file.rfind('.');
    std::string ext = dot == std::string::npos ? "" : file.substr(dot + 1);
    auto table = parse_national_table(std::string_view(file).substr(0, dot));
    if (!table || (ext != "csv" && ext != "json"))
        return error_response(national_no_file(file));
    auto q = national_query(req);
    if (!q)
        return error_response(q.error());
    national_table t;
    std::string name = "nacional-" + std::string(to_string(*table));
    int edition = 0;
    if (is_live_table(*table)) {
        t = live_table(national_read_live(ctx, *q));
        name += q->institucion.empty() && q->entidad.empty() ? "" : "-filtrado";
    } else {
        auto v = national_read_followup(ctx, *q);
        t = follow_up_table(v, *table);
        name += national_file_suffix(v, *q);
        edition = v.edition;
    }
    if (ext == "csv") {
        response res;
        res.body = table_csv(t);
        return national_cacheable(std::move(res), "text/csv; charset=utf-8", name + ".csv");
    }
    nlohmann::json doc = {{"table", to_string(*table)},
                          {"edition", edition ? nlohmann::json(edition) : nlohmann::json(nullptr)},
                          {"stalled_days", q->stalled_days},
                          {"items", table_json(t)}};
    return national_cacheable(json_response(doc), "", name + ".json");
}

// /api/open/national/charts/{chart}.svg
response national_chart_file(app_context& ctx, const request& req) {
    const std::string& file = req.params.at("file");
    if (!file.ends_with(".svg"))
        return error_response(national_no_file(file));
    auto chart = parse_national_chart(std::string_view(file).substr(0, file.size() - 4));
    if (!chart)
        return error_response(national_no_file(file));
    auto q = national_query(req);
    if (!q)
        return error_response(q.error());
    auto v = national_read_followup(ctx, *q);
    response res;
    res.body = national_chart_svg(v, *chart);
    return national_cacheable(std::move(res), "image/svg+xml; charset=utf-8", "");
}

} // namespace

void add_national_view_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/open/national.json", national_document);
    add_route(r, ctx, "GET", "/api/open/national/{file}", national_table_file);
    add_route(r, ctx, "GET", "/api/open/national/charts/{file}", national_chart_file);
}

} // namespace asamblea::server
