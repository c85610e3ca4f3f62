#include "server/api/peer_access.hpp"

#include "server/api/app_context.hpp"
#include "server/fleet/fleet.hpp"

namespace asamblea::server {

domain::result<std::string> check_peer(const app_context& ctx, const request& req) {
    if (!ctx.fleet)
        return std::unexpected(domain::error{domain::error_kind::not_found, "no_fleet",
                                             "Este servidor no es parte de una red de servidores.",
                                             "", 0});
    return ctx.fleet->check(req);
}

} // namespace asamblea::server
