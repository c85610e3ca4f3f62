#include "server/api/app_context.hpp"

#include "domain/clinic.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"
#include "server/rooms/room_registry.hpp"

#include <string_view>

namespace asamblea::server {

void add_route(router& r, app_context& ctx, const char* method, const char* pattern,
               route_handler h) {
    // A clinic's routes answer 404 for a well-formed CLUES of a clinic that does not exist, and
    // 421 for one another shard serves, whatever the handler would do: no room is made for it,
    // and no route answers as if it were here. A malformed one is the handler's (each answers
    // it with its own 404).
    if (std::string_view(pattern).find("{clues}") != std::string_view::npos) {
        r.add(method, pattern, [&ctx, h](const request& req) {
            auto clues = domain::normalize_clues(req.params.at("clues"));
            if (clues)
                if (auto here = ctx.rooms.clinic_here(*clues); !here)
                    return error_response(here.error());
            return h(ctx, req);
        });
        return;
    }
    r.add(method, pattern, [&ctx, h](const request& req) { return h(ctx, req); });
}

void add_password_route(router& r, app_context& ctx, const char* method, const char* pattern,
                        route_handler h) {
    r.add(
        method, pattern, [&ctx, h](const request& req) { return h(ctx, req); },
        route_pool::passwords);
}

} // namespace asamblea::server
