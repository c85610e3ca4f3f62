// GET /api/national/dashboard: what the coordinator watches on the Saturday, and
// GET /api/national/dashboard.csv: the same rows as one file. The handlers parse the filters,
// check the role and map the store's snapshot to JSON or CSV; the aggregation is one query in
// store/national_repo.
#include "domain/assembly/assembly_state.hpp"
#include "domain/clinic.hpp"
#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/fleet/national_reads.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/views/coordination_csv.hpp"
#include "store/national_repo.hpp"
#include "store/store.hpp"

#include <charconv>
#include <nlohmann/json.hpp>
#include <utility>

namespace asamblea::server {
namespace {

using domain::error_kind;

// A page holds every assembly of one shard's Saturday (650) with room to spare; a bigger shard
// pages with ?after=.
constexpr int max_rows = 2000;
constexpr std::size_t max_entidad = 100;
// The CSV holds every row of the filter in one file: a national Saturday across shards (12,000
// assemblies) with room to spare.
constexpr int max_csv_rows = 20000;

domain::error bad_query(const std::string& field, const std::string& message) {
    return {error_kind::invalid, "bad_query", message, field, 0};
}

domain::result<store::national_filter> parse_filter(const request& req) {
    store::national_filter f;
    f.entidad = req.query_param("entidad");
    if (f.entidad.size() > max_entidad)
        return std::unexpected(bad_query("entidad", "El nombre de la entidad es demasiado largo."));
    f.estado = req.query_param("estado");
    if (!f.estado.empty() && !domain::parse_assembly_state(f.estado))
        return std::unexpected(bad_query(
            "estado", "«estado» debe ser convocada, registro, en_sesion, suspendida o cerrada."));
    if (auto after = req.query_param("after"); !after.empty()) {
        auto clues = domain::normalize_clues(after);
        if (!clues)
            return std::unexpected(bad_query("after", "«after» debe ser una CLUES."));
        f.after = *clues;
    }
    f.limit = max_rows;
    if (auto text = req.query_param("limit"); !text.empty()) {
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), f.limit);
        if (ec != std::errc{} || end != text.data() + text.size() || f.limit < 1 ||
            f.limit > max_rows)
            return std::unexpected(bad_query("limit", "«limit» debe ser un número entre 1 y " +
                                                          std::to_string(max_rows) + "."));
    }
    return f;
}

// Not to_json: in a unity batch with another api file it would hide that file's to_json overloads.
nlohmann::json dashboard_row_json(const store::national_row& r) {
    nlohmann::json round = nullptr;
    if (r.round_id)
        round = {{"id", *r.round_id}, {"title", r.round_title}, {"status", r.round_status}};
    return {{"clues", r.clues},
            {"nombre", r.nombre},
            {"entidad", r.entidad},
            {"state", r.state},
            {"attendance", r.attendance},
            {"quorum_min", r.quorum_min},
            {"quorum_met", domain::quorum_met(r.attendance, r.quorum_min)},
            {"round", round},
            {"updated_at", r.updated_at}};
}

// Who may read and what: any coordinator, within its scope (a state coordinator sees only its
// clinics); `whole` reads every row of the filter in one snapshot instead of one page.
domain::result<std::pair<std::shared_ptr<const merged<store::national_dashboard>>, int>>
read_dashboard(app_context& ctx, const request& req, bool whole) {
    auto who = staff(ctx, req, {domain::role::coordinator}, "");
    if (!who)
        return std::unexpected(who.error());
    auto filter = parse_filter(req);
    if (!filter)
        return std::unexpected(filter.error());
    filter->scope = who->clinics;
    if (whole) {
        filter->after.clear();
        filter->limit = max_csv_rows;
    }
    return std::pair{fleet_dashboard(ctx, *filter), filter->limit};
}

response dashboard(app_context& ctx, const request& req) {
    auto read = read_dashboard(ctx, req, false);
    if (!read)
        return error_response(read.error());
    const auto& [m, limit] = *read;
    const auto& d = m->value;
    const auto& t = d.totals;
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : d.rows)
        items.push_back(dashboard_row_json(r));
    auto doc = fleet_completeness(ctx, m->missing);
    doc.update(nlohmann::json{{"totals",
                               {{"assemblies", t.assemblies},
                                {"by_state", t.by_state},
                                {"with_quorum", t.with_quorum},
                                {"voting", t.voting},
                                {"attendance", t.attendance}}},
                              {"items", items},
                              {"limit", limit},
                              {"next_after", d.next_after.empty() ? nlohmann::json(nullptr)
                                                                  : nlohmann::json(d.next_after)}});
    return json_response(doc);
}

response dashboard_file(app_context& ctx, const request& req) {
    auto read = read_dashboard(ctx, req, true);
    if (!read)
        return error_response(read.error());
    const auto& m = *read->first;
    const auto& d = m.value;
    // A file is kept and passed on: never one silently short of a shard.
    if (!m.missing.empty())
        return error_response(
            {error_kind::unavailable, "shard_missing",
             fleet_completeness(ctx, m.missing)["missing_message"].get<std::string>() +
                 " Intente en unos minutos.",
             "", 0});
    if (!d.next_after.empty())
        return error_response(bad_query(
            "entidad", "El archivo tendría más de " + std::to_string(max_csv_rows) +
                           " asambleas. Elija una entidad o un estado para descargarlo."));
    return csv_response(dashboard_csv(d.rows), "tablero-nacional.csv");
}

} // namespace

void add_national_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/national/dashboard", dashboard);
    add_route(r, ctx, "GET", "/api/national/dashboard.csv", dashboard_file);
}

} // namespace asamblea::server
