#include "server/http/error_response.hpp"

#include "server/error_mapping.hpp"

#include <nlohmann/json.hpp>

namespace asamblea::server {

response error_response(const domain::error& e) {
    auto res = json_response(error_body(e), status_for(e.kind));
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

response pdf_response(std::string pdf, const std::string& filename) {
    response res;
    res.content_type = "application/pdf";
    res.body = std::move(pdf);
    res.headers.emplace_back("Content-Disposition", "inline; filename=\"" + filename + "\"");
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}

} // namespace asamblea::server
