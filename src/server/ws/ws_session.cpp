#include "server/ws/ws_session.hpp"

#include "server/rooms/room.hpp"
#include "server/ws/idle_rule.hpp"
#include "server/ws/ws_protocol.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp> // the TLS teardown after a close handshake

#include <atomic>
#include <string_view>
#include <type_traits>

namespace asamblea::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {
std::atomic<std::uint64_t> last_ws_session_id{0};

// The page's and the load generator's keep-alive, exactly as JSON.stringify writes it: answered
// on the connection's strand with one shared, pre-serialized pong, without parsing or a schema.
// Any other spelling of a ping goes through ws_protocol like every message.
constexpr std::string_view ping_text = R"({"type":"ping"})";
const std::shared_ptr<const std::string>& pong_message() {
    static const auto pong = std::make_shared<const std::string>(R"({"type":"pong"})");
    return pong;
}

// Whether the stream's lowest layer is a Beast stream (TLS) with its own timers, rather
// than the bare socket (plain).
template <class Stream>
constexpr bool over_tcp_stream =
    std::is_same_v<std::remove_cvref_t<decltype(beast::get_lowest_layer(std::declval<Stream&>()))>,
                   plain_stream>;

template <class Stream> void close_lowest_layer(Stream& s) {
    if constexpr (over_tcp_stream<Stream>) {
        beast::get_lowest_layer(s).close();
    } else {
        beast::error_code ignored;
        beast::get_lowest_layer(s).close(ignored);
    }
}
} // namespace

template <class Stream>
ws_session<Stream>::ws_session(Stream&& stream, server_core& core, std::string clues,
                               connection_slot slot, std::string remote)
    : slot_(std::move(slot)), ws_(std::move(stream)), core_(core),
      outbox_(
          {core.config.ws.soft_queue, core.config.ws.hard_queue, core.config.ws.hard_queue_bytes}) {
    peer_.id = ++last_ws_session_id;
    peer_.clues = std::move(clues);
    peer_.remote = std::move(remote);
    ++core_.metrics.websocket_sessions;
}

template <class Stream> ws_session<Stream>::~ws_session() {
    // Rooms hold weak references and drop dead subscribers on their next push; a vote in flight
    // of this phone no longer holds up a close.
    if (peer_.room && peer_.voter)
        peer_.room->session_ended(peer_.id);
    --core_.metrics.websocket_sessions;
}

template <class Stream>
void ws_session<Stream>::run(beast::http::request<beast::http::string_body> req) {
    const auto& limits = core_.config.ws;
    if constexpr (over_tcp_stream<Stream>)
        beast::get_lowest_layer(ws_).expires_never(); // the websocket stream's time-outs rule now
    // The handshake's time-out only: silence is idle_sweep's (no timer wait per connection).
    ws_.set_option(websocket::stream_base::timeout{limits.handshake_timeout,
                                                   websocket::stream_base::none(), false});
    // A pong (or a ping, or a close) counts as being heard from, like any message.
    ws_.control_callback([this](websocket::frame_type, beast::string_view) { heard(); });
    ws_.read_message_max(limits.max_message_bytes);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(beast::http::field::server, "asamblea"); }));
    peer_.out = this->weak_from_this();
    peer_.closer = this->weak_from_this();
    ws_.async_accept(
        req, [self = this->shared_from_this()](beast::error_code ec) { self->on_accept(ec); });
}

template <class Stream> void ws_session<Stream>::on_accept(beast::error_code ec) {
    if (ec)
        return;
    open_ = true;
    heard();
    if (core_.stopping)
        return do_close(websocket::close_code::going_away);
    core_.track(this->weak_from_this());
    expect_hello();
    do_read();
}

template <class Stream> void ws_session<Stream>::expect_hello() {
    // Pings keep the idle time-out from ever firing, so a socket that answers them but never says
    // hello would hold its descriptor for good; this timer ends it. It lives only until the hello.
    hello_timer_ = std::make_unique<asio::steady_timer>(ws_.get_executor());
    hello_timer_->expires_after(core_.config.ws.hello_timeout);
    hello_timer_->async_wait([weak = this->weak_from_this()](beast::error_code ec) {
        auto self = weak.lock();
        if (ec || !self || self->peer_.greeted)
            return;
        ++self->core_.metrics.websocket_hello_timeouts;
        self->do_close(websocket::close_code::policy_error);
    });
}

// Reads a frame's worth at a time with read_some (async_read would add a layer to the one
// operation every idle connection keeps pending) into a buffer that starts small.
template <class Stream> void ws_session<Stream>::do_read() {
    auto room = buffer_.prepare(ws_.read_size_hint(buffer_));
    ws_.async_read_some(room,
                        [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                            self->buffer_.commit(n);
                            if (!ec)
                                self->heard();
                            self->on_read(ec);
                        });
}

template <class Stream> void ws_session<Stream>::on_read(beast::error_code ec) {
    if (ec == websocket::error::message_too_big)
        return do_close(websocket::close_code::too_big);
    if (ec)
        return; // closed, reset or timed out: the session ends with its last handler
    if (!ws_.is_message_done())
        return do_read();
    if (!ws_.got_text())
        return do_close(websocket::close_code::bad_payload);
    if (!answer_ping() && core_.protocol) {
        std::string text = beast::buffers_to_string(buffer_.data());
        buffer_.release();
        core_.protocol->on_message(peer_, text);
        if (hello_timer_ && peer_.greeted)
            hello_timer_.reset(); // its pending wait would hold memory for the rest of the 15 s
    }
    buffer_.release(); // an idle connection keeps no read buffer
    if (!closing_)
        do_read();
}

template <class Stream> void ws_session<Stream>::heard() {
    pinged_ = false;
    heard_at_.store(std::chrono::steady_clock::now().time_since_epoch().count(),
                    std::memory_order_relaxed);
}

template <class Stream>
std::chrono::steady_clock::duration
ws_session<Stream>::silence(std::chrono::steady_clock::time_point now) const {
    std::chrono::steady_clock::duration heard(heard_at_.load(std::memory_order_relaxed));
    return now.time_since_epoch() - heard;
}

template <class Stream>
void ws_session<Stream>::check_idle(std::chrono::steady_clock::time_point now) {
    // Most connections were heard from recently: nothing is posted for them.
    if (judge_silence(silence(now), core_.config.ws.idle_timeout, false) == silence_verdict::keep)
        return;
    asio::post(ws_.get_executor(), [self = this->shared_from_this()] { self->on_silence(); });
}

template <class Stream> void ws_session<Stream>::on_silence() {
    if (closing_ || !open_)
        return;
    auto now = std::chrono::steady_clock::now();
    switch (judge_silence(silence(now), core_.config.ws.idle_timeout, pinged_)) {
    case silence_verdict::keep:
        return;
    case silence_verdict::ping:
        // Beast queues the ping behind a write in flight; the pong comes back through the
        // control callback.
        pinged_ = true;
        ws_.async_ping({}, [self = this->shared_from_this()](beast::error_code) {});
        return;
    case silence_verdict::close:
        // As Beast's own idle time-out did: no close handshake with a peer that is gone.
        ++core_.metrics.websocket_idle_closed;
        closing_ = true;
        outbox_.clear(writing_);
        close_lowest_layer(ws_);
        return;
    }
}

template <class Stream> bool ws_session<Stream>::answer_ping() {
    auto data = buffer_.data();
    if (std::string_view(static_cast<const char*>(data.data()), data.size()) != ping_text)
        return false;
    ++core_.metrics.websocket_fast_pings;
    enqueue(pong_message(), push_kind::reply);
    return true;
}

template <class Stream>
void ws_session<Stream>::deliver(std::shared_ptr<const std::string> message, push_kind kind) {
    // A reply of the protocol, on this connection's strand, is queued at once; a room's push
    // from its own thread is posted.
    asio::dispatch(ws_.get_executor(),
                   [self = this->shared_from_this(), message = std::move(message), kind]() mutable {
                       self->enqueue(std::move(message), kind);
                   });
}

template <class Stream>
void ws_session<Stream>::enqueue(std::shared_ptr<const std::string> message, push_kind kind) {
    if (closing_ || !open_)
        return;
    // A hello's catch-up snapshot and a push the room had already scheduled can carry the same
    // version: the second one (or an older one) is dropped here.
    if (kind == push_kind::snapshot && !sent_.admit(*message))
        return;
    if (outbox_.push(std::move(message), kind, writing_) == outbox::verdict::drop_client) {
        ++core_.metrics.websocket_dropped;
        outbox_.clear(writing_);
        closing_ = true;
        // Stalled: do not wait for a close handshake the client will not read.
        close_lowest_layer(ws_);
        return;
    }
    if (!writing_)
        do_write();
}

template <class Stream> void ws_session<Stream>::do_write() {
    if (closing_) {
        writing_ = false;
        if (close_code_)
            send_close();
        return;
    }
    if (outbox_.empty()) {
        writing_ = false;
        return;
    }
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(outbox_.front()),
                    [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        self->writing_ = false;
                        if (ec) {
                            self->outbox_.clear(false);
                            return;
                        }
                        if (!self->outbox_.empty())
                            self->outbox_.pop_front();
                        self->do_write();
                    });
}

template <class Stream> void ws_session<Stream>::close(websocket::close_code code) {
    asio::post(ws_.get_executor(),
               [self = this->shared_from_this(), code] { self->do_close(code); });
}

template <class Stream> void ws_session<Stream>::do_close(websocket::close_code code) {
    if (closing_ || !open_)
        return;
    closing_ = true;
    close_code_ = code;
    outbox_.clear(writing_);
    // Beast allows one write at a time: a write in flight sends the close when it completes.
    if (!writing_)
        send_close();
}

template <class Stream> void ws_session<Stream>::send_close() {
    auto code = *close_code_;
    close_code_.reset();
    // Two seconds for the client's close frame (Beast times a close with the handshake
    // time-out).
    const auto& limits = core_.config.ws;
    ws_.set_option(websocket::stream_base::timeout{limits.close_timeout,
                                                   websocket::stream_base::none(), false});
    if constexpr (over_tcp_stream<Stream>)
        beast::get_lowest_layer(ws_).expires_after(limits.close_timeout);
    ws_.async_close(code, [self = this->shared_from_this()](beast::error_code) {});
}

template <class Stream> void ws_session<Stream>::close_going_away() {
    close(websocket::close_code::going_away);
}

template class ws_session<tcp_socket>;
template class ws_session<tls_stream>;

} // namespace asamblea::server
