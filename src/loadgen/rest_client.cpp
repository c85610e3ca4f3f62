#include "loadgen/rest_client.hpp"

#include <boost/beast/http.hpp>

#include <stdexcept>

namespace asamblea::loadgen {

namespace http = boost::beast::http;

void rest_client::connect() {
    socket_.emplace(ioc_);
    socket_->connect({boost::asio::ip::make_address(host_), port_});
    buffer_.clear();
}

rest_reply rest_client::call(const std::string& method, const std::string& target,
                             const nlohmann::json& body) {
    for (int attempt = 0;; ++attempt) {
        try {
            if (!socket_)
                connect();
            http::request<http::string_body> req{http::string_to_verb(method), target, 11};
            req.set(http::field::host, host_);
            if (!token_.empty())
                req.set(http::field::authorization, "Bearer " + token_);
            if (!body.is_null() || method == "POST") {
                req.set(http::field::content_type, "application/json");
                req.body() = body.is_null() ? std::string() : body.dump();
            }
            req.keep_alive(true);
            req.prepare_payload();
            http::write(*socket_, req);
            http::response_parser<http::string_body> parser;
            parser.body_limit(256 * 1024 * 1024);
            http::read(*socket_, buffer_, parser);
            auto res = parser.release();
            if (!res.keep_alive())
                socket_.reset();
            rest_reply r;
            r.status = res.result_int();
            if (!res.body().empty())
                r.body = nlohmann::json::parse(res.body(), nullptr, false);
            return r;
        } catch (const std::exception&) {
            socket_.reset(); // a keep-alive connection closed under us: one fresh try
            if (attempt >= 1)
                throw;
        }
    }
}

void rest_client::login(const std::string& user, const std::string& password) {
    auto r = call("POST", "/api/auth/login", {{"username", user}, {"password", password}});
    if (r.status != 200 || !r.body.contains("token"))
        throw std::runtime_error("login of " + user + " failed: HTTP " + std::to_string(r.status));
    token_ = r.body["token"];
}

} // namespace asamblea::loadgen
