#pragma once
/// A real HTTP/1.1 client over Beast for integration tests: one keep-alive connection.

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <map>
#include <string>

struct http_reply {
    unsigned status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    bool keep_alive = false;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

class http_client {
public:
    explicit http_client(unsigned short port) : socket_(ioc_) {
        socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    }

    http_reply request(const std::string& method, const std::string& target,
                       const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {}) {
        namespace http = boost::beast::http;
        http::request<http::string_body> req{http::string_to_verb(method), target, 11};
        req.set(http::field::host, "localhost");
        for (const auto& [k, v] : headers)
            req.set(k, v);
        if (!body.empty() || method == "POST") {
            req.set(http::field::content_type, "application/json");
            req.body() = body;
        }
        req.prepare_payload();
        http::write(socket_, req);
        return read_reply(method == "HEAD");
    }

    /// Sends raw bytes, for malformed requests, and reads whatever comes back.
    http_reply raw(const std::string& bytes) {
        boost::asio::write(socket_, boost::asio::buffer(bytes));
        return read_reply(false);
    }

    boost::asio::ip::tcp::socket& socket() { return socket_; }

private:
    http_reply read_reply(bool head) {
        namespace http = boost::beast::http;
        http::response_parser<http::string_body> parser;
        parser.skip(head);
        parser.body_limit(64 * 1024 * 1024);
        http::read(socket_, buffer_, parser);
        auto res = parser.release();
        http_reply r;
        r.status = res.result_int();
        r.body = res.body();
        r.keep_alive = res.keep_alive();
        for (const auto& f : res)
            r.headers[std::string(f.name_string())] = std::string(f.value());
        return r;
    }

    boost::asio::io_context ioc_;
    boost::asio::ip::tcp::socket socket_;
    boost::beast::flat_buffer buffer_;
};
