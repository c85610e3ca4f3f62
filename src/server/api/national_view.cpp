// The national accountability view (issue 15 item 2), public and read-only, no login:
//   GET /api/open/national.json                  the whole view as one document
//   GET /api/open/national/{table}.csv | .json   each table (national_tables.hpp)
//   GET /api/open/national/charts/{chart}.svg    the charts (national_charts.hpp)
// Every route takes ?edition= (default: the newest edition with a closed assembly),
// ?stalled_days= (1–730, default 60), ?institucion= and ?entidad= (exact, to drill down).
// In a fleet the figures are every shard's (fleet/national_reads); a shard that does not answer
// is named in the document and the JSON tables ("complete": false), and its CSV files and
// charts answer 503 rather than a total short of it.
#include "app/transparency/national_followup.hpp"
#include "domain/followup/stalled.hpp"
#include "server/api/app_context.hpp"
#include "server/api/followup_params.hpp"
#include "server/api/path_params.hpp"
#include "server/fleet/national_reads.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/views/national_charts.hpp"
#include "server/views/national_json.hpp"
#include "server/views/national_tables.hpp"
#include "store/clock.hpp"
#include "store/store.hpp"

#include <algorithm>

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

// The answer missing a shard, for the files that cannot say so inside (CSV, SVG).
response national_incomplete(app_context& ctx, const std::vector<std::string>& missing) {
    return error_response({domain::error_kind::unavailable, "shard_missing",
                           fleet_completeness(ctx, missing)["missing_message"].get<std::string>() +
                               " Intente en unos minutos.",
                           "", 0});
}

// Public and the same for everyone: a short cache spares the server a crowd at once.
// An answer short of a shard is not kept anywhere: the next one may be whole.
response national_cacheable(response res, const std::string& type, const std::string& filename,
                            bool complete = true) {
    if (!type.empty())
        res.content_type = type;
    res.headers.emplace_back("Cache-Control", complete ? "public, max-age=60" : "no-store");
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
    auto live = fleet_live(ctx, q->institucion, q->entidad);
    auto followup = fleet_followup(ctx, *q);
    auto missing = live->missing;
    for (const auto& m : followup->missing)
        if (std::find(missing.begin(), missing.end(), m) == missing.end())
            missing.push_back(m);
    auto doc = national_json(followup->value, live->value, q->institucion, q->entidad, q->today,
                             store::utc_now());
    doc.update(fleet_completeness(ctx, missing));
    return national_cacheable(json_response(doc), "", "", missing.empty());
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
    std::vector<std::string> missing;
    if (is_live_table(*table)) {
        auto live = fleet_live(ctx, q->institucion, q->entidad);
        t = live_table(live->value);
        missing = live->missing;
        name += q->institucion.empty() && q->entidad.empty() ? "" : "-filtrado";
    } else {
        auto v = fleet_followup(ctx, *q);
        t = follow_up_table(v->value, *table);
        missing = v->missing;
        name += national_file_suffix(v->value, *q);
        edition = v->value.edition;
    }
    if (ext == "csv") {
        if (!missing.empty())
            return national_incomplete(ctx, missing);
        response res;
        res.body = table_csv(t);
        return national_cacheable(std::move(res), "text/csv; charset=utf-8", name + ".csv");
    }
    nlohmann::json doc = {{"table", to_string(*table)},
                          {"edition", edition ? nlohmann::json(edition) : nlohmann::json(nullptr)},
                          {"stalled_days", q->stalled_days},
                          {"items", table_json(t)}};
    doc.update(fleet_completeness(ctx, missing));
    return national_cacheable(json_response(doc), "", name + ".json", missing.empty());
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
    auto v = fleet_followup(ctx, *q);
    if (!v->missing.empty())
        return national_incomplete(ctx, v->missing);
    response res;
    res.body = national_chart_svg(v->value, *chart);
    return national_cacheable(std::move(res), "image/svg+xml; charset=utf-8", "");
}

} // namespace

void add_national_view_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/open/national.json", national_document);
    add_route(r, ctx, "GET", "/api/open/national/{file}", national_table_file);
    add_route(r, ctx, "GET", "/api/open/national/charts/{file}", national_chart_file);
}

} // namespace asamblea::server
