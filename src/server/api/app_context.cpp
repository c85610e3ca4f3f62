#include "server/api/app_context.hpp"

#include "server/api/known_clinic.hpp"
#include "server/http/error_response.hpp"
#include "server/http/router.hpp"

#include <string_view>

namespace asamblea::server {

void add_route(router& r, app_context& ctx, const char* method, const char* pattern,
               route_handler h) {
    // A clinic's routes answer 404 for a clinic that does not exist, whatever the handler
    // would do: no room is made for it, and no route answers as if it existed.
    if (std::string_view(pattern).find("{clues}") != std::string_view::npos) {
        r.add(method, pattern, [&ctx, h](const request& req) {
            if (auto clinic = known_clinic(ctx, req); !clinic)
                return error_response(clinic.error());
            return h(ctx, req);
        });
        return;
    }
    r.add(method, pattern, [&ctx, h](const request& req) { return h(ctx, req); });
}

} // namespace asamblea::server
