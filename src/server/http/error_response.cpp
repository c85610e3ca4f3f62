#include "server/http/error_response.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::server {

unsigned status_for(domain::error_kind kind) {
    using k = domain::error_kind;
    switch (kind) {
    case k::invalid:
        return 400;
    case k::unauthorized:
        return 401;
    case k::forbidden:
        return 403;
    case k::not_found:
        return 404;
    case k::conflict:
        return 409;
    case k::too_large:
        return 413;
    case k::too_many:
        return 429;
    case k::unavailable:
        return 503;
    case k::internal:
        return 500;
    }
    return 500;
}

response error_response(const domain::error& e) {
    nlohmann::json body = {{"error", e.code}, {"message", e.message}};
    if (!e.field.empty() && e.kind != domain::error_kind::internal)
        body["field"] = e.field;
    auto res = json_response(body, status_for(e.kind));
    if (e.retry_after_seconds > 0)
        res.headers.emplace_back("Retry-After", std::to_string(e.retry_after_seconds));
    return res;
}

response json_response(const nlohmann::json& body, unsigned status) {
    response res;
    res.status = status;
    res.body = body.dump();
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}

} // namespace asamblea::server
