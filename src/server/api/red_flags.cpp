// Red flags for auditors: GET /api/open/red-flags?edition=&state= (public: every flag with its
// evidence and review), and the coordinators' PUT /api/national/red-flags/{edition}/thresholds
// (national only) and POST /api/national/red-flags/{edition}/reviews (a national coordinator,
// or one whose clinics cover every clinic of the flag). Parse, authorize, run, map.
#include "app/audit/red_flags.hpp"
#include "server/api/access.hpp"
#include "server/api/app_context.hpp"
#include "server/api/followup_params.hpp"
#include "server/api/path_params.hpp"
#include "server/fleet/national_reads.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/rooms/room_registry.hpp"
#include "server/schema_registry.hpp"
#include "server/views/red_flags_json.hpp"
#include "store/store.hpp"

namespace asamblea::server {
namespace {

using domain::error_kind;
using domain::role;

// The longest state name the filter takes; real ones are under 40 characters.
constexpr std::size_t max_state_param = 80;

response open_red_flags(app_context& ctx, const request& req) {
    auto edition = edition_param(req);
    if (!edition)
        return error_response(edition.error());
    auto state = req.query_param("state");
    if (state.size() > max_state_param)
        return error_response(
            {error_kind::invalid, "state_invalid", "El estado es demasiado largo.", "state", 0});
    // Every shard's clinics in one input: a supplier winning in clinics of two shards is one
    // flag (fleet/national_reads).
    auto all = fleet_flags(ctx, *edition, today_in_mexico_city());
    if (!all)
        return error_response(all.error());
    const auto& part = (*all)->value;
    auto report = app::report_red_flags(part.input, part.thresholds_set, part.reviews, state);
    auto doc = to_json(report);
    doc.update(fleet_completeness(ctx, (*all)->missing));
    return json_response(doc);
}

domain::result<std::int64_t> flag_edition(const request& req) {
    auto edition = path_id(req, "edition");
    if (!edition)
        return edition;
    if (*edition < 2000 || *edition > 9999)
        return domain::fail(error_kind::invalid, "edition_invalid", "El año no es válido.",
                            "edition");
    return edition;
}

response set_red_flag_thresholds(app_context& ctx, const request& req) {
    auto who = staff(ctx, req, {role::coordinator}, "");
    if (!who)
        return error_response(who.error());
    if (!who->clinics.empty())
        return error_response({error_kind::forbidden, "national_only",
                               "Solo la coordinación nacional fija los umbrales de las alertas.",
                               "", 0});
    auto edition = flag_edition(req);
    if (!edition)
        return error_response(edition.error());
    auto body = parse_body(ctx.schemas, "red_flag_thresholds", req.body);
    if (!body)
        return error_response(body.error());
    // A field left out takes its default: the body is the whole set.
    domain::flag_thresholds t;
    t.quote_gap_percent = body->value("quote_gap_percent", t.quote_gap_percent);
    t.supplier_min_clinics = body->value("supplier_min_clinics", t.supplier_min_clinics);
    t.supplier_share_percent = body->value("supplier_share_percent", t.supplier_share_percent);
    t.ring_min_works = body->value("ring_min_works", t.ring_min_works);
    t.outlier_multiple = body->value("outlier_multiple", t.outlier_multiple);
    t.unproven_days = body->value("unproven_days", t.unproven_days);
    // Thresholds belong to no clinic; the command runs in the room of no clinic.
    auto done = ctx.rooms.get("")->run_sync(
        app::set_flag_thresholds(static_cast<int>(*edition), t, who->user_id));
    if (!done)
        return error_response(done.error());
    forget_fleet_flags(ctx);
    return json_response({{"edition", *edition}, {"thresholds", to_json(t)}});
}

response review_red_flag(app_context& ctx, const request& req) {
    auto who = staff(ctx, req, {role::coordinator}, "");
    if (!who)
        return error_response(who.error());
    auto edition = flag_edition(req);
    if (!edition)
        return error_response(edition.error());
    auto body = parse_body(ctx.schemas, "red_flag_review", req.body);
    if (!body)
        return error_response(body.error());
    auto key = (*body)["key"].get<std::string>();
    auto note = (*body)["note"].get<std::string>();
    auto today = today_in_mexico_city();
    // In a fleet a flag may span shards: it is checked against every shard's flags, asked here
    // on the REST worker; the review is stored on this shard (the default one behind HAProxy)
    // and every shard's reviews are merged on reading.
    std::optional<std::vector<domain::red_flag>> raised;
    if (ctx.fleet) {
        auto all = fleet_flags(ctx, static_cast<int>(*edition), today);
        if (!all)
            return error_response(all.error());
        if (!(*all)->missing.empty())
            return error_response(
                {error_kind::unavailable, "shard_missing",
                 fleet_completeness(ctx, (*all)->missing)["missing_message"].get<std::string>() +
                     " Intente en unos minutos.",
                 "", 0});
        raised = domain::detect_red_flags((*all)->value.input);
    }
    auto done = ctx.rooms.get("")->run_sync(app::review_red_flag(static_cast<int>(*edition), key,
                                                                 note, who->user_id, who->clinics,
                                                                 today, std::move(raised)));
    if (!done)
        return error_response(done.error());
    forget_fleet_flags(ctx);
    auto db = ctx.store.readers().acquire();
    auto review = store::find_flag_review(*db, static_cast<int>(*edition), key);
    if (!review)
        return error_response(
            {error_kind::internal, "review_missing", "La revisión no quedó guardada.", "", 0});
    return json_response(
        {{"edition", *edition}, {"key", key}, {"note", review->note}, {"at", review->reviewed_at}},
        201);
}

} // namespace

void add_red_flag_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/open/red-flags", open_red_flags);
    add_route(r, ctx, "PUT", "/api/national/red-flags/{edition}/thresholds",
              set_red_flag_thresholds);
    add_route(r, ctx, "POST", "/api/national/red-flags/{edition}/reviews", review_red_flag);
}

} // namespace asamblea::server
