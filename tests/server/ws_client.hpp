#pragma once
/// A real WebSocket client over Beast for integration tests (synchronous, with a read time-out).

#include "server/schema_registry.hpp"
#include "server/server_config.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>

class ws_client {
public:
    ws_client(unsigned short port, const std::string& clues) : ws_(ioc_) {
        auto& tcp = boost::beast::get_lowest_layer(ws_);
        tcp.connect({boost::asio::ip::make_address("127.0.0.1"), port});
        ws_.handshake("localhost", "/ws/c/" + clues);
    }

    void send(const nlohmann::json& msg) { send_text(msg.dump()); }
    void send_text(const std::string& text) {
        ws_.text(true);
        ws_.write(boost::asio::buffer(text));
    }

    /// The next message, or nullopt on time-out or close (then closed() tells which). Beast's
    /// stream time-outs only apply to asynchronous operations, so the read is asynchronous.
    std::optional<nlohmann::json>
    next(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        if (!pending_) {
            pending_ = true;
            done_ = false;
            ws_.async_read(buffer_, [this](boost::beast::error_code ec, std::size_t) {
                done_ = true;
                pending_ = false;
                error_ = ec;
            });
        }
        ioc_.restart();
        ioc_.run_for(timeout);
        if (!done_)
            return std::nullopt; // the read stays pending for the next call
        if (error_) {
            closed_ = error_ == boost::beast::websocket::error::closed;
            return std::nullopt;
        }
        auto text = boost::beast::buffers_to_string(buffer_.data());
        buffer_.consume(buffer_.size());
        auto msg = nlohmann::json::parse(text);
        check_contract(msg);
        return msg;
    }

    /// Skips messages until one of the given type arrives (or nullopt).
    std::optional<nlohmann::json>
    next_of(const std::string& type, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            auto msg = next(left);
            if (!msg)
                return std::nullopt;
            if ((*msg)["type"] == type)
                return msg;
        }
        return std::nullopt;
    }

    /// Waits for a snapshot that satisfies pred.
    template <class Pred>
    std::optional<nlohmann::json>
    snapshot_where(Pred pred, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            auto msg = next_of("snapshot", left);
            if (!msg)
                return std::nullopt;
            if (pred(*msg))
                return msg;
        }
        return std::nullopt;
    }

    bool closed() const { return closed_; }
    boost::beast::error_code error() const { return error_; }
    boost::beast::websocket::close_reason reason() const { return ws_.reason(); }
    ~ws_client() {
        boost::beast::error_code ec;
        boost::beast::get_lowest_layer(ws_).socket().close(ec);
        ioc_.restart();
        ioc_.poll(); // let a pending read finish with its error before the stream goes away
    }

private:
    // Every message the server sends must match its schema in schemas/out_ws_<type>.json.
    static void check_contract(const nlohmann::json& msg) {
        static const asamblea::server::schema_registry schemas(
            asamblea::server::default_schema_dir());
        std::string name = "out_ws_" + msg.value("type", std::string("?"));
        if (!schemas.contains(name))
            throw std::runtime_error("server sent a message with no schema: " + msg.dump());
        if (auto ok = schemas.validate(name, msg); !ok)
            throw std::runtime_error("server message breaks " + name + ": " + ok.error().message +
                                     " in " + msg.dump().substr(0, 300));
    }

    boost::asio::io_context ioc_;
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    bool pending_ = false;
    bool done_ = false;
    bool closed_ = false;
    boost::beast::error_code error_;
};
