#include "server/api/app_context.hpp"
#include "server/auth/auth_service.hpp"
#include "server/fleet/fleet.hpp"
#include "server/fleet/fleet_client.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/schema_registry.hpp"
#include "server/views/json_mapping.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::server {

namespace {

// A login this shard refused as bad credentials, asked of every other shard of the fleet at
// once: the account may live on one of them (docs/architecture.md «One login for the fleet»).
// A wrong password for a local account asks them too, so an unknown name, a name of another
// shard and a wrong password all cost one local check plus one round of the peers' checks.
response login_elsewhere(app_context& ctx, const request& req, const std::string& username,
                         const std::string& password, const domain::error& refused) {
    peer_call call;
    call.method = "POST";
    call.target = "/api/fleet/login";
    call.body =
        nlohmann::json{{"username", username}, {"password", password}, {"remote", req.remote}}
            .dump();
    // Argon2id on a busy shard's bounded password pool may queue: give it more than a read.
    call.timeout = std::chrono::milliseconds(10000);
    auto replies = ask_peers(*ctx.fleet, call);
    const peer_reply* throttled = nullptr;
    bool unreachable = false;
    for (const auto& r : replies) {
        if (r.reached && r.status == 200) {
            auto body = nlohmann::json::parse(r.body, nullptr, false);
            if (body.is_object() && body.contains("token") && body["token"].is_string()) {
                ctx.auth.note_fleet_login(username, req.remote);
                return json_response(body);
            }
            unreachable = true;
        } else if (r.reached && r.status == 429) {
            throttled = throttled ? throttled : &r;
        } else if (!r.reached || r.status >= 500) {
            unreachable = true;
        }
    }
    if (throttled) {
        auto body = nlohmann::json::parse(throttled->body, nullptr, false);
        std::string message = "Demasiados intentos fallidos. Espere e intente de nuevo.";
        if (body.is_object() && body.contains("message") && body["message"].is_string())
            message = body["message"].get<std::string>();
        return error_response({domain::error_kind::too_many, "too_many_attempts", message, "", 60});
    }
    if (unreachable)
        return error_response({domain::error_kind::unavailable, "fleet_login_unreachable",
                               "No se pudo consultar a todos los servidores de la red. Intente de "
                               "nuevo en unos minutos.",
                               "", 0});
    return error_response(refused);
}

response login(app_context& ctx, const request& req) {
    auto body = parse_body(ctx.schemas, "login", req.body);
    if (!body)
        return error_response(body.error());
    std::string username = (*body)["username"];
    std::string password = (*body)["password"];
    auto s = ctx.auth.login(username, password, req.remote);
    if (!s) {
        if (ctx.fleet && s.error().code == "bad_credentials")
            return login_elsewhere(ctx, req, username, password, s.error());
        return error_response(s.error());
    }
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
