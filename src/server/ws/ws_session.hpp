#pragma once
/// One WebSocket connection: reads size-limited messages, hands them to the protocol, and writes
/// through a bounded queue where a slow client's snapshots collapse and a stalled one is dropped.
/// A template on the stream under it (http/stream_types): the bare TCP socket (plain; the
/// handshake's time-out is Beast's, silence is idle_sweep's, so it needs no Beast stream with its
/// timers) or the TLS stream, defined in ws_session.cpp and instantiated there for those two.
/// Sized for many idle phones: see docs/architecture.md «Memory per connection».

#include "server/http/connection_limits.hpp"
#include "server/http/stream_types.hpp"
#include "server/rooms/subscriber.hpp"
#include "server/server_core.hpp"
#include "server/ws/outbox.hpp"
#include "server/ws/read_buffer.hpp"
#include "server/ws/snapshot_filter.hpp"
#include "server/ws/ws_closer.hpp"
#include "server/ws/ws_peer.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>

namespace asamblea::server {

template <class Stream>
class ws_session : public subscriber,
                   public ws_closer,
                   public std::enable_shared_from_this<ws_session<Stream>> {
public:
    /// `slot` is the connection's place under the caps, taken over from its http_session, and
    /// `remote` its client address, read once at accept.
    ws_session(Stream&& stream, server_core& core, std::string clues, connection_slot slot,
               std::string remote);
    ~ws_session() override;

    /// Completes the upgrade handshake for the request that asked for it.
    void run(boost::beast::http::request<boost::beast::http::string_body> req);

    void deliver(std::shared_ptr<const std::string> message, push_kind kind) override;

    /// Closes with a code (1001 going away, 1008 policy, 1009 too big); safe from any thread.
    void close(boost::beast::websocket::close_code code);
    void close_going_away() override;
    void close_policy_violation() override {
        close(boost::beast::websocket::close_code::policy_error);
    }
    void check_idle(std::chrono::steady_clock::time_point now) override;

private:
    void on_accept(boost::beast::error_code ec);
    void expect_hello();
    void do_read();
    void on_read(boost::beast::error_code ec);
    bool answer_ping();
    void enqueue(std::shared_ptr<const std::string> message, push_kind kind);
    void do_write();
    void do_close(boost::beast::websocket::close_code code);
    void send_close();
    void heard();
    std::chrono::steady_clock::duration silence(std::chrono::steady_clock::time_point now) const;
    void on_silence();

    // Declared first, so the place is given back only after the socket has closed.
    connection_slot slot_;
    // Without permessage-deflate (never offered): no compression state per stream.
    boost::beast::websocket::stream<Stream, false> ws_;
    read_buffer buffer_;
    // A socket that never says hello is closed (1008); freed once it has.
    std::unique_ptr<boost::asio::steady_timer> hello_timer_;
    server_core& core_;
    ws_peer peer_;
    server::outbox outbox_;
    snapshot_filter sent_; // snapshot versions already queued: each goes out once
    bool writing_ = false;
    bool closing_ = false;
    bool open_ = false;
    bool pinged_ = false; // pinged since last heard from (idle_rule)
    // When a frame last came in (steady_clock ticks): written on the strand, read by check_idle
    // from the sweep's thread. Replaces Beast's idle timer: see idle_sweep.
    std::atomic<std::chrono::steady_clock::rep> heard_at_{0};
    std::optional<boost::beast::websocket::close_code> close_code_;
};

} // namespace asamblea::server
