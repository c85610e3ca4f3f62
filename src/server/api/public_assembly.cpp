// An assembly's public record, read by the clinic's page /c/{clues}:
// GET /api/public/c/{clues}/assembly?edition= (default: the newest closed assembly).

#include "app/assembly_lookup.hpp"
#include "app/assembly_record.hpp"
#include "server/api/app_context.hpp"
#include "server/api/followup_params.hpp"
#include "server/api/path_params.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/views/public_assembly_json.hpp"
#include "store/store.hpp"

namespace asamblea::server {
namespace {

response public_assembly(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto edition = edition_param(req);
    if (!edition)
        return error_response(edition.error());
    auto db = ctx.store.readers().acquire();
    auto clinic = app::find_clinic(*db, *clues);
    if (!clinic)
        return error_response(clinic.error());
    auto record = app::read_assembly_record(*db, *clues, *edition);
    if (!record)
        return error_response(record.error());
    return json_response(to_public_json(*record));
}

} // namespace

void add_public_assembly_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/public/c/{clues}/assembly", public_assembly);
}

} // namespace asamblea::server
