#include "ws_client.hpp"

#include "server/schema_registry.hpp"
#include "server/server_config.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <openssl/ssl.h>

#include <optional>
#include <stdexcept>

namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;

namespace {

// Every message the server sends must match its schema in schemas/out_ws_<type>.json.
void check_contract(const nlohmann::json& msg) {
    static const asamblea::server::schema_registry schemas(asamblea::server::default_schema_dir());
    std::string name = "out_ws_" + msg.value("type", std::string("?"));
    if (!schemas.contains(name))
        throw std::runtime_error("server sent a message with no schema: " + msg.dump());
    if (auto ok = schemas.validate(name, msg); !ok)
        throw std::runtime_error("server message breaks " + name + ": " + ok.error().message +
                                 " in " + msg.dump().substr(0, 300));
}

} // namespace

struct ws_client::impl {
    impl() : ws(ioc) {}
    // Runs f on the WebSocket stream in use: over TLS when there is one.
    template <class F> decltype(auto) on_ws(F&& f) {
        if (wss)
            return f(*wss);
        return f(ws);
    }
    boost::asio::io_context ioc;
    beast::websocket::stream<beast::tcp_stream> ws;
    std::optional<ssl::context> tls_ctx;
    std::optional<beast::websocket::stream<beast::ssl_stream<beast::tcp_stream>>> wss;
    beast::flat_buffer buffer;
    bool pending = false;
    bool done = false;
    bool closed = false;
    beast::error_code error;
};

ws_client::ws_client(unsigned short port, const std::string& clues) : ws_client(port, clues, "") {}

ws_client::ws_client(unsigned short port, const std::string& clues,
                     const std::string& source_address)
    : impl_(std::make_unique<impl>()) {
    auto& tcp = beast::get_lowest_layer(impl_->ws);
    if (!source_address.empty()) {
        tcp.socket().open(boost::asio::ip::tcp::v4());
        tcp.socket().bind({boost::asio::ip::make_address(source_address), 0});
    }
    tcp.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    impl_->ws.handshake("localhost", "/ws/c/" + clues);
}

ws_client::ws_client(unsigned short port, const std::string& clues, const tls_trust& trust)
    : impl_(std::make_unique<impl>()) {
    auto& s = *impl_;
    s.tls_ctx.emplace(ssl::context::tls_client);
    s.tls_ctx->load_verify_file(trust.ca_file);
    s.wss.emplace(s.ioc, *s.tls_ctx);
    auto& tls = s.wss->next_layer();
    tls.set_verify_mode(ssl::verify_peer);
    tls.set_verify_callback(ssl::host_name_verification("localhost"));
    SSL_set_tlsext_host_name(tls.native_handle(), "localhost");
    beast::get_lowest_layer(*s.wss).connect({boost::asio::ip::make_address("127.0.0.1"), port});
    tls.handshake(ssl::stream_base::client);
    s.wss->handshake("localhost", "/ws/c/" + clues);
}

ws_client::~ws_client() {
    beast::error_code ec;
    impl_->on_ws([&](auto& ws) { beast::get_lowest_layer(ws).socket().close(ec); });
    impl_->ioc.restart();
    impl_->ioc.poll(); // let a pending read finish with its error before the stream goes away
}

void ws_client::send_text(const std::string& text) {
    impl_->on_ws([&](auto& ws) {
        ws.text(true);
        ws.write(boost::asio::buffer(text));
    });
}

// Beast's stream time-outs only apply to asynchronous operations, so the read is asynchronous.
std::optional<nlohmann::json> ws_client::next(std::chrono::milliseconds timeout) {
    auto& s = *impl_;
    if (!s.pending) {
        s.pending = true;
        s.done = false;
        s.on_ws([&s](auto& ws) {
            ws.async_read(s.buffer, [&s](beast::error_code ec, std::size_t) {
                s.done = true;
                s.pending = false;
                s.error = ec;
            });
        });
    }
    s.ioc.restart();
    s.ioc.run_for(timeout);
    if (!s.done)
        return std::nullopt; // the read stays pending for the next call
    if (s.error) {
        s.closed = s.error == beast::websocket::error::closed;
        return std::nullopt;
    }
    auto text = beast::buffers_to_string(s.buffer.data());
    s.buffer.consume(s.buffer.size());
    auto msg = nlohmann::json::parse(text);
    check_contract(msg);
    follow_view(msg);
    return msg;
}

void ws_client::follow_view(const nlohmann::json& msg) {
    // As web/js/live.js applyProgress: a progress message completes the snapshot's round when it
    // is about that round and newer than the snapshot.
    if (msg["type"] == "snapshot") {
        view_ = msg;
        return;
    }
    if (msg["type"] != "progress" || !view_ || !(*view_)["round"].is_object())
        return;
    auto& round = (*view_)["round"];
    if (round["id"] != msg["round_id"] ||
        msg["version"].get<std::uint64_t>() <= (*view_)["version"].get<std::uint64_t>())
        return;
    for (const auto* key : {"ballots", "results", "pending_votes", "closing"})
        if (msg.contains(key))
            round[key] = msg[key];
}

bool ws_client::closed() const {
    return impl_->closed;
}

bool ws_client::ended() const {
    return static_cast<bool>(impl_->error);
}

int ws_client::close_code() const {
    return impl_->on_ws([](auto& ws) { return static_cast<int>(ws.reason().code); });
}

std::string ws_client::error_message() const {
    return impl_->error ? impl_->error.message() : std::string();
}
