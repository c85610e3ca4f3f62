#include "server/http/listener.hpp"

#include "server/http/connection_limits.hpp"
#include "server/http/error_response.hpp"
#include "server/http/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <iostream>
#include <sstream>

namespace asamblea::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

// A phone told the server is busy tries again after this long.
constexpr long busy_retry_after_seconds = 5;

// A refused connection's answer is written, then what the client still sends is read and dropped
// for at most this long (so the answer arrives instead of a reset), then it is closed.
constexpr std::chrono::seconds refusal_linger{1};

// The whole answer to a connection over a cap, as bytes: written before any byte of the request
// is read, with Connection: close.
std::shared_ptr<const std::string> busy_answer_bytes(const domain::error& e) {
    auto res = error_response(e);
    beast::http::response<beast::http::string_body> msg;
    msg.version(11);
    msg.result(res.status);
    msg.keep_alive(false);
    msg.set(beast::http::field::server, "asamblea");
    msg.set(beast::http::field::content_type, res.content_type);
    for (auto& [name, value] : res.headers)
        msg.set(name, value);
    msg.body() = std::move(res.body);
    msg.prepare_payload();
    std::ostringstream out;
    out << msg;
    return std::make_shared<const std::string>(out.str());
}

// Out of descriptors (the process's or the system's), or of kernel memory for a socket: accepting
// again at once would fail the same way.
bool out_of_descriptors(const boost::system::error_code& ec) {
    if (ec == asio::error::no_descriptors)
        return true;
    if (ec.category() != boost::system::system_category())
        return false;
    return ec.value() == EMFILE || ec.value() == ENFILE || ec.value() == ENOBUFS ||
           ec.value() == ENOMEM;
}

void log_accept_line(nlohmann::json line) {
    line["ts_ms"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    // One write of one line, so lines from several threads do not interleave.
    std::cerr << (line.dump() + "\n") << std::flush;
}

// One connection over a cap: the busy answer, a short linger, the close.
class refused_connection : public std::enable_shared_from_this<refused_connection> {
public:
    refused_connection(tcp_socket&& socket, std::shared_ptr<const std::string> answer,
                       connection_limits& limits)
        : stream_(std::move(socket)), answer_(std::move(answer)), limits_(limits) {}
    ~refused_connection() {
        if (lingering_)
            limits_.stop_lingering();
    }

    void start() {
        // One deadline for the write and the linger together.
        stream_.expires_after(refusal_linger);
        asio::async_write(stream_, asio::buffer(*answer_),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              self->on_written(ec);
                          });
    }

private:
    void on_written(beast::error_code ec) {
        if (ec)
            return; // the client is gone, or never read: the socket closes with this object
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        // Past a few refusals at once, close at once: a flood of refused connections must not
        // hold descriptors for the linger.
        lingering_ = limits_.start_lingering();
        if (lingering_)
            drain();
    }
    void drain() {
        stream_.async_read_some(asio::buffer(scratch_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (!ec)
                                        self->drain();
                                });
    }

    plain_stream stream_;
    std::shared_ptr<const std::string> answer_;
    connection_limits& limits_;
    bool lingering_ = false;
    char scratch_[1024];
};

} // namespace

listener::listener(asio::io_context& ioc, tcp::endpoint endpoint, server_core& core,
                   connection_limits& limits)
    : ioc_(ioc), strand_(asio::make_strand(ioc)), acceptor_(strand_), backoff_(strand_),
      core_(core), limits_(limits),
      server_full_(busy_answer_bytes(
          {domain::error_kind::unavailable, "server_busy",
           "El servidor atiende a demasiadas conexiones. Intente de nuevo en unos segundos.", "",
           busy_retry_after_seconds})),
      address_full_(busy_answer_bytes(
          {domain::error_kind::unavailable, "too_many_connections",
           "Hay demasiadas conexiones abiertas desde su red. Intente de nuevo en unos segundos.",
           "", busy_retry_after_seconds})) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
}

void listener::run() {
    asio::dispatch(strand_, [self = shared_from_this()] { self->do_accept(); });
}

void listener::close() {
    asio::dispatch(strand_, [self = shared_from_this()] {
        boost::system::error_code ec;
        self->acceptor_.close(ec);
        self->backoff_.cancel();
    });
}

unsigned short listener::port() const {
    return acceptor_.local_endpoint().port();
}

void listener::do_accept() {
    // The handler runs on strand_ (the acceptor's executor); the socket gets a strand of its own.
    acceptor_.async_accept(
        asio::make_strand(ioc_),
        [self = shared_from_this()](boost::system::error_code ec, tcp_socket socket) {
            self->on_accept(ec, std::move(socket));
        });
}

void listener::on_accept(boost::system::error_code ec, tcp_socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open())
        return;
    if (out_of_descriptors(ec))
        return pause(ec);
    if (failures_ > 0) {
        auto paused = std::chrono::steady_clock::now() - episode_start_;
        log_accept_line(
            {{"level", "info"},
             {"code", "accept_resumed"},
             {"failed_accepts", failures_},
             {"paused_ms", std::chrono::duration_cast<std::chrono::milliseconds>(paused).count()}});
        failures_ = 0;
    }
    // Any other error (the client reset before the accept) concerns that connection only.
    if (!ec)
        admit(std::move(socket));
    do_accept();
}

void listener::pause(const boost::system::error_code& ec) {
    ++core_.metrics.accept_descriptor_errors;
    if (failures_++ == 0) {
        // Once per episode, not per failure: the next line says how many failed and for how long.
        episode_start_ = std::chrono::steady_clock::now();
        ++core_.metrics.accept_pauses;
        log_accept_line({{"level", "warning"},
                         {"code", "accept_no_descriptors"},
                         {"detail", ec.message()},
                         {"descriptor_limit", core_.metrics.descriptor_limit.load()},
                         {"connections_held", core_.metrics.connections_held.load()}});
    }
    // The connection waits in the kernel's backlog meanwhile.
    backoff_.expires_after(domain::accept_backoff(failures_));
    backoff_.async_wait([self = shared_from_this()](boost::system::error_code wait_ec) {
        if (wait_ec || !self->acceptor_.is_open())
            return;
        self->do_accept();
    });
}

void listener::admit(tcp_socket socket) {
    boost::system::error_code ec;
    auto remote = socket.remote_endpoint(ec);
    if (ec)
        return; // already gone
    auto admitted = limits_.admit(connection_address_key(remote.address()));
    if (admitted.verdict == domain::admission::admitted)
        return start_http_session(std::move(socket), core_, std::move(admitted.slot),
                                  remote.address().to_string());
    // Over TLS the busy answer would need a handshake first, the very work a cap is there to
    // refuse; the refused connection closes with the socket here.
    if (core_.tls)
        return;
    switch (admitted.verdict) {
    case domain::admission::admitted:
        return;
    case domain::admission::server_full:
        std::make_shared<refused_connection>(std::move(socket), server_full_, limits_)->start();
        return;
    case domain::admission::address_full:
        std::make_shared<refused_connection>(std::move(socket), address_full_, limits_)->start();
        return;
    }
}

} // namespace asamblea::server
