#include "app/attendees.hpp"
#include "domain/assembly/attendee.hpp"
#include "server/api/app_context.hpp"
#include "server/api/assembly_access.hpp"
#include "server/auth/credential_issuer.hpp"
#include "server/auth/voter_auth.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/schema_registry.hpp"
#include "server/views/assembly_json.hpp"
#include "store/attendee_repo.hpp"
#include "store/crypto.hpp"
#include "store/floor_repo.hpp"
#include "store/store.hpp"

namespace asamblea::server {
namespace {

using domain::error_kind;

domain::error attendee_not_found() {
    return {error_kind::not_found, "not_found", "No existe ese asistente en esta asamblea.", "id",
            0};
}

// The attendee (fresh from the store) with the credential shown once.
response with_credential(app_context& ctx, std::int64_t assembly_id, std::int64_t attendee_id,
                         const issued_credential& cred, unsigned status) {
    auto db = ctx.store.readers().acquire();
    auto a = store::find_attendee(*db, assembly_id, attendee_id);
    if (!a)
        return error_response(attendee_not_found());
    return json_response({{"attendee", to_json(*a)}, {"credential", to_json(cred)}}, status);
}

response list_attendees(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto q = req.query_param("q");
    if (q.size() > max_query_text)
        return error_response(
            {error_kind::invalid, "bad_query", "La búsqueda es demasiado larga.", "q", 0});
    auto db = ctx.store.readers().acquire();
    auto a = current_assembly(*db, target->clues);
    if (!a)
        return error_response(a.error());
    nlohmann::json items = nlohmann::json::array();
    std::string folded = domain::fold_for_search(q);
    while (!folded.empty() && folded.front() == ' ')
        folded.erase(folded.begin());
    while (!folded.empty() && folded.back() == ' ')
        folded.pop_back();
    for (const auto& row : store::list_attendees(*db, a->id, folded))
        items.push_back(to_json(row));
    auto attendance = store::count_attendance(*db, a->id);
    return json_response({{"items", items},
                          {"attendance", attendance},
                          {"quorum_min", a->quorum_min},
                          {"quorum_met", domain::quorum_met(attendance, a->quorum_min)}});
}

response register_attendee(app_context& ctx, const request& req) {
    auto target = moderated(ctx, req);
    if (!target)
        return error_response(target.error());
    auto body = parse_body(ctx.schemas, "attendee_create", req.body);
    if (!body)
        return error_response(body.error());
    auto person = domain::check_new_attendee(
        (*body)["nombre"].get<std::string>(), (*body)["identificador"].get<std::string>(),
        (*body)["sexo"].get<std::string>(), (*body)["mayor_de_edad"].get<bool>());
    if (!person)
        return error_response(person.error());
    auto cred = mint_credential(ctx.store, target->clues, public_origin(ctx, req));
    if (!cred)
        return error_response(cred.error());

    store::new_attendee_row row{
        0, person->nombre, std::string(domain::to_string(person->sexo)),
        store::keyed_hash_hex(ctx.store.key(), domain::attendee_key(*person)), target->who.user_id};
    bool by_name = person->identifier.empty();
    auto done = ctx.rooms.get(target->clues)
                    ->run_sync(app::register_attendee(std::move(row), cred->hash, by_name));
    if (!done)
        return error_response(done.error());
    return with_credential(ctx, done->assembly.id, done->event, *cred, 201);
}

response reissue(app_context& ctx, const request& req) {
    auto target = moderated_with_id(ctx, req);
    if (!target)
        return error_response(target.error());
    auto cred = mint_credential(ctx.store, target->clues, public_origin(ctx, req));
    if (!cred)
        return error_response(cred.error());

    auto done =
        ctx.rooms.get(target->clues)->run_sync(app::reissue_credential(target->id, cred->hash));
    if (!done)
        return error_response(done.error());
    return with_credential(ctx, done->assembly.id, target->id, *cred, 200);
}

response revoke(app_context& ctx, const request& req) {
    auto target = moderated_with_id(ctx, req);
    if (!target)
        return error_response(target.error());

    auto done = ctx.rooms.get(target->clues)->run_sync(app::revoke_credential(target->id));
    if (!done)
        return error_response(done.error());
    auto db = ctx.store.readers().acquire();
    auto a = store::find_attendee(*db, done->assembly.id, target->id);
    if (!a)
        return error_response(attendee_not_found());
    return json_response({{"attendee", to_json(*a)}});
}

response attendee_me(app_context& ctx, const request& req) {
    auto clues = path_clues(req);
    if (!clues)
        return error_response(clues.error());
    auto v = authenticate_voter(ctx, *clues, credential_from_header(req.authorization), req.remote);
    if (!v)
        return error_response(v.error());
    auto db = ctx.store.readers().acquire();
    auto a = current_assembly(*db, *clues);
    if (!a)
        return error_response(a.error());
    return json_response({{"attendee", {{"id", v->attendee_id}, {"nombre", v->nombre}}},
                          {"assembly", assembly_view(*db, *a)}});
}

} // namespace

void add_attendee_routes(router& r, app_context& ctx) {
    add_route(r, ctx, "GET", "/api/c/{clues}/attendees", list_attendees);
    add_route(r, ctx, "POST", "/api/c/{clues}/attendees", register_attendee);
    add_route(r, ctx, "POST", "/api/c/{clues}/attendees/{id}/reissue", reissue);
    add_route(r, ctx, "POST", "/api/c/{clues}/attendees/{id}/revoke", revoke);
    add_route(r, ctx, "GET", "/api/c/{clues}/me", attendee_me);
}

} // namespace asamblea::server
