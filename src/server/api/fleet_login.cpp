// The peer routes of one login for the fleet (docs/architecture.md «One login for the fleet»):
// POST /api/fleet/login: the shard that got a login it could not check asks the others with the
//   client's username, password and address; the shard holding the account answers with its
//   fleet token, under its own throttles for that address.
// GET /api/fleet/revocations?since=N: the tokens revoked on this shard after seq N, for the
//   others to refuse them too (server/fleet/revocations pulls it).
#include "server/api/app_context.hpp"
#include "server/api/peer_access.hpp"
#include "server/auth/auth_service.hpp"
#include "server/fleet/fleet.hpp"
#include "server/fleet/revocations.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/schema_registry.hpp"
#include "server/views/json_mapping.hpp"
#include "store/clock.hpp"
#include "store/revocation_repo.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

#include <charconv>

namespace asamblea::server {
namespace {

domain::status peer_only(app_context& ctx, const request& req) {
    auto peer = check_peer(ctx, req);
    if (!peer)
        return std::unexpected(peer.error());
    return {};
}

response fleet_login(app_context& ctx, const request& req) {
    if (auto ok = peer_only(ctx, req); !ok)
        return error_response(ok.error());
    auto body = parse_body(ctx.schemas, "fleet_login", req.body);
    if (!body)
        return error_response(body.error());
    // Only this shard's accounts: a peer never asks further, so a login fans out once.
    auto s = ctx.auth.login((*body)["username"], (*body)["password"], (*body)["remote"]);
    if (!s)
        return error_response(s.error());
    return json_response({{"token", s->token}, {"user", to_json(s->who)}});
}

response fleet_revocations(app_context& ctx, const request& req) {
    if (auto ok = peer_only(ctx, req); !ok)
        return error_response(ok.error());
    auto text = req.query_param("since", "0");
    std::int64_t since = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), since);
    if (ec != std::errc() || end != text.data() + text.size() || since < 0)
        return error_response({domain::error_kind::invalid, "bad_since",
                               "since debe ser un número entero no negativo.", "since", 0});
    std::vector<store::revocation_row> rows;
    {
        auto db = ctx.store.readers().acquire();
        rows = store::revocations_since(*db, since, revocation_page, store::utc_now());
    }
    auto list = nlohmann::json::array();
    for (const auto& r : rows)
        list.push_back({{"seq", r.seq}, {"token", r.token_hash_hex}, {"expires_at", r.expires_at}});
    return json_response({{"revocations", std::move(list)}});
}

} // namespace

void add_fleet_login_routes(router& r, app_context& ctx) {
    // argon2id on the password pool, like the login it stands for.
    add_password_route(r, ctx, "POST", "/api/fleet/login", fleet_login);
    add_route(r, ctx, "GET", "/api/fleet/revocations", fleet_revocations);
}

} // namespace asamblea::server
