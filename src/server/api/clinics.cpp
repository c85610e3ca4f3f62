#include "server/api/app_context.hpp"
#include "server/api/path_params.hpp"
#include "server/fleet/clinic_reads.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/views/coordination_csv.hpp"
#include "server/views/json_mapping.hpp"
#include "store/assembly_repo.hpp"
#include "store/clinic_repo.hpp"
#include "store/store.hpp"

#include <SQLiteCpp/Transaction.h>

#include <charconv>

namespace asamblea::server {
namespace {

constexpr int max_per_page = 100;
// The CSV of a search holds every clinic it finds in one file, up to a national catalogue.
constexpr int max_csv_clinics = 20000;

domain::error long_query() {
    return {domain::error_kind::invalid, "bad_query", "La búsqueda es demasiado larga.", "q", 0};
}

response search_clinics(app_context& ctx, const request& req) {
    auto page = positive_param(req, "page", 1, 1'000'000);
    if (!page)
        return error_response(page.error());
    auto per_page = positive_param(req, "per_page", 20, max_per_page);
    if (!per_page)
        return error_response(per_page.error());
    store::clinic_query q{req.query_param("q"), req.query_param("entidad"),
                          req.query_param("institucion"), *page, *per_page};
    if (q.text.size() > max_query_text || q.entidad.size() > max_query_text ||
        q.institucion.size() > max_query_text)
        return error_response(long_query());
    // With a fleet every shard sends its first page×per_page rows (clinic_reads).
    if (ctx.fleet && std::int64_t{*page} * *per_page > max_fleet_clinic_rows)
        return error_response({domain::error_kind::invalid, "bad_query",
                               "La página pedida es demasiado profunda. Afine la búsqueda.", "page",
                               0});
    auto found = fleet_clinics(ctx, q, false);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : found->value.items)
        items.push_back(to_json(c));
    nlohmann::json out{{"items", items},
                       {"total", found->value.total},
                       {"page", q.page},
                       {"per_page", q.per_page}};
    out.update(fleet_completeness(ctx, found->missing));
    return json_response(out);
}

// Every clinic of the search with its newest assembly, as one CSV file: one read transaction,
// two queries for the assemblies (never one per clinic).
response clinics_file(app_context& ctx, const request& req) {
    store::clinic_query q{req.query_param("q"), req.query_param("entidad"),
                          req.query_param("institucion"), 1, max_csv_clinics};
    if (q.text.size() > max_query_text || q.entidad.size() > max_query_text ||
        q.institucion.size() > max_query_text)
        return error_response(long_query());
    auto found = fleet_clinics(ctx, q, true);
    if (found->value.total > max_csv_clinics)
        return error_response({domain::error_kind::invalid, "bad_query",
                               "La búsqueda encuentra más de " + std::to_string(max_csv_clinics) +
                                   " unidades. Elija una entidad para descargarla.",
                               "entidad", 0});
    // A file is kept and passed on: it is never handed out missing a shard's clinics.
    if (!found->missing.empty())
        return error_response(
            {domain::error_kind::unavailable, "shard_missing",
             fleet_completeness(ctx, found->missing)["missing_message"].get<std::string>() +
                 " Intente en unos minutos.",
             "", 0});
    auto out = clinics_csv({}, {});
    for (const auto& row : found->value.csv_rows)
        out += row;
    return csv_response(std::move(out), "unidades-asambleas.csv");
}

response list_entidades(app_context& ctx, const request&) {
    auto found = fleet_entidades(ctx);
    nlohmann::json out{{"items", found->value}};
    out.update(fleet_completeness(ctx, found->missing));
    return json_response(out);
}

response get_clinic(app_context& ctx, const request& req) {
    auto clues = domain::normalize_clues(req.params.at("clues"));
    std::optional<domain::clinic> clinic;
    if (clues) {
        auto db = ctx.store.readers().acquire();
        clinic = store::find_clinic(*db, *clues);
    }
    if (!clinic)
        return error_response({domain::error_kind::not_found, "not_found",
                               "No existe la unidad «" + req.params.at("clues") + "».", "clues",
                               0});
    return json_response(to_json(*clinic));
}

} // namespace

void add_clinic_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/clinics", search_clinics);
    add_route(r, ctx, "GET", "/api/clinics.csv", clinics_file);
    add_route(r, ctx, "GET", "/api/entidades", list_entidades);
    add_route(r, ctx, "GET", "/api/c/{clues}", get_clinic);
}

} // namespace asamblea::server
