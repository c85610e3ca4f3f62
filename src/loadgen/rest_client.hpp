#pragma once
/// A blocking HTTP/1.1 client over Beast for the coordinator's REST calls (one keep-alive
/// connection, reopened when the server closes it).

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace asamblea::loadgen {

struct rest_reply {
    unsigned status = 0;
    nlohmann::json body;
};

class rest_client {
public:
    rest_client(std::string host, unsigned short port) : host_(std::move(host)), port_(port) {}

    /// Sends a request with an optional JSON body and the bearer token; throws on I/O failure.
    rest_reply call(const std::string& method, const std::string& target,
                    const nlohmann::json& body = nullptr);

    /// Logs in and keeps the token for the next calls.
    void login(const std::string& user, const std::string& password);
    const std::string& token() const { return token_; }
    void set_token(std::string token) { token_ = std::move(token); }

private:
    void connect();

    std::string host_;
    unsigned short port_;
    std::string token_;
    boost::asio::io_context ioc_;
    std::optional<boost::asio::ip::tcp::socket> socket_;
    boost::beast::flat_buffer buffer_;
};

} // namespace asamblea::loadgen
