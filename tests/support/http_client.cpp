#include "http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <openssl/ssl.h>

#include <optional>

namespace http = boost::beast::http;
namespace ssl = boost::asio::ssl;

struct http_client::impl {
    impl(unsigned short port, const std::string& source, const tls_trust* trust) : socket(ioc) {
        if (!source.empty()) {
            socket.open(boost::asio::ip::tcp::v4());
            socket.bind({boost::asio::ip::make_address(source), 0});
        }
        socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
        if (!trust)
            return;
        tls_ctx.emplace(ssl::context::tls_client);
        tls_ctx->load_verify_file(trust->ca_file);
        tls.emplace(socket, *tls_ctx);
        tls->set_verify_mode(ssl::verify_peer);
        tls->set_verify_callback(ssl::host_name_verification("localhost"));
        SSL_set_tlsext_host_name(tls->native_handle(), "localhost");
        tls->handshake(ssl::stream_base::client);
    }
    // Runs f on the stream requests travel over: the TLS stream when there is one.
    template <class F> void on_stream(F&& f) {
        if (tls)
            f(*tls);
        else
            f(socket);
    }
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket socket;
    std::optional<ssl::context> tls_ctx;
    std::optional<ssl::stream<boost::asio::ip::tcp::socket&>> tls;
    boost::beast::flat_buffer buffer;
};

http_client::http_client(unsigned short port) : impl_(std::make_unique<impl>(port, "", nullptr)) {}
http_client::http_client(unsigned short port, const std::string& source_address)
    : impl_(std::make_unique<impl>(port, source_address, nullptr)) {}
http_client::http_client(unsigned short port, const tls_trust& trust)
    : impl_(std::make_unique<impl>(port, "", &trust)) {}
http_client::~http_client() = default;

http_reply http_client::request(const std::string& method, const std::string& target,
                                const std::string& body,
                                const std::map<std::string, std::string>& headers) {
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "localhost");
    for (const auto& [k, v] : headers)
        req.set(k, v);
    if (!body.empty() || method == "POST") {
        if (headers.find("Content-Type") == headers.end())
            req.set(http::field::content_type, "application/json");
        req.body() = body;
    }
    req.prepare_payload();
    impl_->on_stream([&](auto& stream) { http::write(stream, req); });
    return read_reply(method == "HEAD");
}

http_reply http_client::raw(const std::string& bytes) {
    send_raw(bytes);
    return read_reply(false);
}

void http_client::send_raw(const std::string& bytes) {
    impl_->on_stream([&](auto& stream) { boost::asio::write(stream, boost::asio::buffer(bytes)); });
}

http_reply http_client::read_reply(bool head) {
    http::response_parser<http::string_body> parser;
    parser.skip(head);
    parser.body_limit(64 * 1024 * 1024);
    impl_->on_stream([&](auto& stream) { http::read(stream, impl_->buffer, parser); });
    auto res = parser.release();
    http_reply r;
    r.status = res.result_int();
    r.body = res.body();
    r.keep_alive = res.keep_alive();
    for (const auto& f : res)
        r.headers[std::string(f.name_string())] = std::string(f.value());
    return r;
}
