// A clinic's audit chain, published: its head (always; the acta and the clinic's page print
// it) and its events (once no assembly of the clinic is running, since ballots carry their
// choices), so anyone can check them with `asamblea verify --chain FILE --head HASH`.

#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "store/assembly_repo.hpp"
#include "store/audit_chain.hpp"
#include "store/clinic_repo.hpp"
#include "store/store.hpp"

namespace asamblea::server {
namespace {

domain::result<std::string> known_clinic(const request& req, SQLite::Database& db) {
    auto clues = path_clues(req);
    if (!clues)
        return clues;
    if (!store::find_clinic(db, *clues))
        return domain::fail(domain::error_kind::not_found, "clinic_not_found",
                            "No existe esa unidad de salud.");
    return clues;
}

response head(app_context& ctx, const request& req) {
    auto db = ctx.store.readers().acquire();
    auto clues = known_clinic(req, *db);
    if (!clues)
        return error_response(clues.error());
    auto h = store::read_chain_head(*db, *clues);
    return json_response({{"clues", *clues}, {"seq", h.seq}, {"hash", h.hash}});
}

response chain(app_context& ctx, const request& req) {
    auto db = ctx.store.readers().acquire();
    auto clues = known_clinic(req, *db);
    if (!clues)
        return error_response(clues.error());
    if (auto a = store::latest_assembly(*db, *clues);
        a && a->state != domain::assembly_state::cerrada)
        return error_response({domain::error_kind::conflict, "assembly_running",
                               "La bitácora se publica cuando la asamblea cierra.", "", 0});
    nlohmann::json events = nlohmann::json::array();
    for (const auto& e : store::read_chain(*db, *clues))
        events.push_back(store::chain_event_to_json(e));
    response res = json_response({{"clues", *clues}, {"events", std::move(events)}});
    res.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"bitacora-" + *clues + ".json\"");
    return res;
}

} // namespace

void add_chain_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/chain/head", head);
    add_route(r, ctx, "GET", "/api/c/{clues}/chain", chain);
}

} // namespace asamblea::server
