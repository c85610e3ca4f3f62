// Open data (issue 15): the follow-up of every clinic's closed assemblies as JSON, CSV and an
// OCDS release package, and each revealed budget round as a pabulib file. Public, no login, GET
// only: the records come from app/open_data, which carries only public fields. With a fleet the
// files without `?clues=` are every shard's (fleet/open_data_reads); a `?clues=` file and the
// pabulib files are the clinic's own shard's (HAProxy routes them there by path only when the
// path names the clinic: docs/architecture.md «Shards»).

#include "app/open_data/open_followup.hpp"
#include "app/open_data/round_pabulib.hpp"
#include "domain/clinic.hpp"
#include "server/api/app_context.hpp"
#include "server/api/path_params.hpp"
#include "server/fleet/open_data_reads.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/rooms/room_registry.hpp"
#include "server/views/ocds_json.hpp"
#include "server/views/open_followup_csv.hpp"
#include "server/views/open_followup_json.hpp"
#include "store/clock.hpp"
#include "store/store.hpp"

#include <SQLiteCpp/Transaction.h>

#include <charconv>

namespace asamblea::server {
namespace {

// `?clues=` narrows to one clinic; without it, every clinic with published works.
struct scope {
    std::string clues; // empty: national
};

domain::result<scope> scope_of(const request& req) {
    auto text = req.query_param("clues");
    if (text.empty())
        return scope{};
    auto clues = domain::normalize_clues(text);
    if (!clues)
        return domain::fail(domain::error_kind::invalid, "bad_query",
                            "«clues» debe ser una CLUES: 5 letras y 6 dígitos.", "clues");
    return scope{*clues};
}

// The national files: every shard's records (this one's alone without a fleet) and the shards
// missing from them.
struct open_records {
    std::shared_ptr<const merged<open_followups>> all; // national
    open_followups one;                                // ?clues=
    const open_followups& clinics() const { return all ? all->value : one; }
    const std::vector<std::string>& missing() const {
        static const std::vector<std::string> none;
        return all ? all->missing : none;
    }
};

// One snapshot: the works, their quotes and expenses agree with each other.
domain::result<open_records> read(app_context& ctx, const scope& s) {
    if (s.clues.empty())
        return open_records{fleet_open_followup(ctx), {}};
    // Another shard's clinic (or one moved out) is 421 wrong_shard naming its shard, as on the
    // routes whose path names the clinic: this shard's directory may list it without its works.
    if (auto here = ctx.rooms.clinic_here(s.clues);
        !here && here.error().kind == domain::error_kind::misdirected)
        return std::unexpected(here.error());
    auto db = ctx.store.readers().acquire();
    SQLite::Transaction snapshot(*db);
    auto one = app::read_open_followup(*db, s.clues);
    if (!one)
        return std::unexpected(one.error());
    open_records out;
    out.one.push_back(std::move(*one));
    return out;
}

// A national CSV short of a shard cannot say so inside: 503, as the national CSVs.
response open_incomplete(app_context& ctx, const std::vector<std::string>& missing) {
    return error_response({domain::error_kind::unavailable, "shard_missing",
                           fleet_completeness(ctx, missing)["missing_message"].get<std::string>() +
                               " Intente en unos minutos.",
                           "", 0});
}

// Public and the same for everyone: a short cache spares the server a crowd reading the national
// files at once.
// An answer short of a shard is not kept anywhere: the next one may be whole.
response cacheable(response res, bool complete = true) {
    res.headers.emplace_back("Cache-Control", complete ? "public, max-age=60" : "no-store");
    return res;
}

response download(std::string body, const std::string& type, const std::string& filename) {
    response res;
    res.content_type = type;
    res.body = std::move(body);
    res.headers.emplace_back("Content-Disposition", "inline; filename=\"" + filename + "\"");
    return res;
}

response followup_json(app_context& ctx, const request& req) {
    auto s = scope_of(req);
    if (!s)
        return error_response(s.error());
    auto clinics = read(ctx, *s);
    if (!clinics)
        return error_response(clinics.error());
    auto doc = open_followup_json(clinics->clinics(), store::utc_now());
    if (s->clues.empty())
        doc.update(fleet_completeness(ctx, clinics->missing()));
    return cacheable(json_response(doc), clinics->missing().empty());
}

// /api/open/{works,quotes,expenses,evidence}.csv: the table is the file's name.
response followup_csv(app_context& ctx, const request& req) {
    std::string_view name = req.path;
    name = name.substr(name.rfind('/') + 1);
    name = name.substr(0, name.find('.'));
    auto table = parse_open_csv_table(name);
    auto s = scope_of(req);
    if (!s)
        return error_response(s.error());
    auto clinics = read(ctx, *s);
    if (!clinics)
        return error_response(clinics.error());
    if (!clinics->missing().empty())
        return open_incomplete(ctx, clinics->missing());
    return cacheable(download(open_followup_csv(clinics->clinics(), *table),
                              "text/csv; charset=utf-8", std::string(name) + ".csv"));
}

response ocds(app_context& ctx, const request& req) {
    auto s = scope_of(req);
    if (!s)
        return error_response(s.error());
    auto clinics = read(ctx, *s);
    if (!clinics)
        return error_response(clinics.error());
    bool any = false;
    for (const auto& c : clinics->clinics())
        any = any || !c.works.empty();
    // A release package needs at least one release (and a shard missing may hold some).
    if (!any && !clinics->missing().empty())
        return open_incomplete(ctx, clinics->missing());
    if (!any)
        return error_response({domain::error_kind::not_found, "no_open_works",
                               "Todavía no hay obras de asambleas cerradas que publicar.", "", 0});
    std::string origin = public_origin(ctx, req);
    std::string uri = (origin.empty() ? std::string("urn:x-asamblea:") : origin) +
                      "/api/open/ocds.json" + (s->clues.empty() ? "" : "?clues=" + s->clues);
    auto package = ocds_release_package(clinics->clinics(), uri, store::utc_now(), origin);
    // The package schema allows top-level fields of its own (no additionalProperties: false).
    if (s->clues.empty())
        package.update(fleet_completeness(ctx, clinics->missing()));
    return cacheable(json_response(package), clinics->missing().empty());
}

// /api/open/c/{clues}/rounds/{id}.pb
response round_pb(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    const std::string& file = req.params.at("file");
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(file.data(), file.data() + file.size(), id);
    if (ec != std::errc{} || std::string_view(end, file.data() + file.size()) != ".pb" || id < 1)
        return error_response({domain::error_kind::not_found, "not_found",
                               "No existe el archivo «" + file + "».", "file", 0});
    auto db = ctx.store.readers().acquire();
    SQLite::Transaction snapshot(*db);
    auto text = app::round_as_pabulib(*db, *clues, id);
    if (!text)
        return error_response(text.error());
    return cacheable(download(std::move(*text), "text/plain; charset=utf-8",
                              *clues + "-" + std::to_string(id) + ".pb"));
}

} // namespace

void add_open_data_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/open/followup.json", followup_json);
    // One line per route: the fuzz target reads its route table from these lines.
    add_route(r, ctx, "GET", "/api/open/works.csv", followup_csv);
    add_route(r, ctx, "GET", "/api/open/quotes.csv", followup_csv);
    add_route(r, ctx, "GET", "/api/open/expenses.csv", followup_csv);
    add_route(r, ctx, "GET", "/api/open/evidence.csv", followup_csv);
    add_route(r, ctx, "GET", "/api/open/ocds.json", ocds);
    add_route(r, ctx, "GET", "/api/open/c/{clues}/rounds/{file}", round_pb);
}

} // namespace asamblea::server
