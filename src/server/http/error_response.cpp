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

namespace {

response private_file(std::string body, const std::string& type, const std::string& disposition,
                      const std::string& filename) {
    response res;
    res.content_type = type;
    res.body = std::move(body);
    res.headers.emplace_back("Content-Disposition",
                             disposition + "; filename=\"" + filename + "\"");
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
}

} // namespace

response pdf_response(std::string pdf, const std::string& filename) {
    return private_file(std::move(pdf), "application/pdf", "inline", filename);
}

response csv_response(std::string csv, const std::string& filename) {
    return private_file(std::move(csv), "text/csv; charset=utf-8", "attachment", filename);
}

} // namespace asamblea::server
