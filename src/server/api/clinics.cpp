#include "server/api/app_context.hpp"
#include "server/api/path_params.hpp"
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
    auto db = ctx.store.readers().acquire();
    auto result = store::search_clinics(*db, q);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : result.items)
        items.push_back(to_json(c));
    return json_response({{"items", items},
                          {"total", result.total},
                          {"page", result.page},
                          {"per_page", result.per_page}});
}

// Every clinic of the search with its newest assembly, as one CSV file: one read transaction,
// two queries for the assemblies (never one per clinic).
response clinics_file(app_context& ctx, const request& req) {
    store::clinic_query q{req.query_param("q"), req.query_param("entidad"),
                          req.query_param("institucion"), 1, max_csv_clinics};
    if (q.text.size() > max_query_text || q.entidad.size() > max_query_text ||
        q.institucion.size() > max_query_text)
        return error_response(long_query());
    auto db = ctx.store.readers().acquire();
    SQLite::Transaction tx(*db, SQLite::TransactionBehavior::DEFERRED);
    auto found = store::search_clinics(*db, q);
    if (found.total > max_csv_clinics)
        return error_response({domain::error_kind::invalid, "bad_query",
                               "La búsqueda encuentra más de " + std::to_string(max_csv_clinics) +
                                   " unidades. Elija una entidad para descargarla.",
                               "entidad", 0});
    std::vector<std::string> clues;
    clues.reserve(found.items.size());
    for (const auto& c : found.items)
        clues.push_back(c.clues);
    auto assemblies = store::current_assemblies(*db, clues);
    tx.commit();
    return csv_response(clinics_csv(found.items, assemblies), "unidades-asambleas.csv");
}

response list_entidades(app_context& ctx, const request&) {
    auto db = ctx.store.readers().acquire();
    return json_response({{"items", store::list_entidades(*db)}});
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
