#include "server/api/app_context.hpp"
#include "server/auth/auth_service.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/schema_registry.hpp"
#include "server/views/json_mapping.hpp"

namespace asamblea::server {

namespace {

response login(app_context& ctx, const request& req) {
    auto body = parse_body(ctx.schemas, "login", req.body);
    if (!body)
        return error_response(body.error());
    auto s = ctx.auth.login((*body)["username"], (*body)["password"], req.remote);
    if (!s)
        return error_response(s.error());
    return json_response({{"token", s->token}, {"user", to_json(s->who)}});
}

response logout(app_context& ctx, const request& req) {
    auto done = ctx.auth.logout(req.bearer());
    if (!done)
        return error_response(done.error());
    return json_response({{"ok", true}});
}

response staff_me(app_context& ctx, const request& req) {
    auto who = ctx.auth.authenticate(req.bearer());
    if (!who)
        return error_response(who.error());
    return json_response(to_json(*who));
}

} // namespace

void add_auth_routes(router& r, app_context& ctx) {
    // argon2id, for known and unknown names alike: on the password pool.
    add_password_route(r, ctx, "POST", "/api/auth/login", login);
    add_route(r, ctx, "POST", "/api/auth/logout", logout);
    add_route(r, ctx, "GET", "/api/auth/me", staff_me);
}

} // namespace asamblea::server
