#include "server/api/app_context.hpp"

#include "server/http/router.hpp"

namespace asamblea::server {

void add_route(router& r, app_context& ctx, const char* method, const char* pattern,
               route_handler h) {
    r.add(method, pattern, [&ctx, h](const request& req) { return h(ctx, req); });
}

void add_password_route(router& r, app_context& ctx, const char* method, const char* pattern,
                        route_handler h) {
    r.add(
        method, pattern, [&ctx, h](const request& req) { return h(ctx, req); },
        route_pool::passwords);
}

} // namespace asamblea::server
