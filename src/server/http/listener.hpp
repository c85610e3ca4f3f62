#pragma once
/// Accepts TCP connections under the connection caps (http/connection_limits) and hands each one,
/// on its own strand, to an http_session; a connection over a cap gets a 503 busy answer and is
/// closed (with TLS, closed without an answer). When the process runs out of descriptors, accepting
/// pauses (50 ms doubling to 500 ms) instead of spinning, and the episode is logged once with its
/// count.

#include "server/http/stream_types.hpp"
#include "server/server_core.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace asamblea::server {

class connection_limits;

class listener : public std::enable_shared_from_this<listener> {
public:
    /// Opens, binds and listens; throws on failure (e.g. the port is taken).
    listener(boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint endpoint,
             server_core& core, connection_limits& limits);
    void run();
    /// Stops accepting; existing connections are unaffected. Safe from any thread.
    void close();
    unsigned short port() const;

private:
    void do_accept();
    void on_accept(boost::system::error_code ec, tcp_socket socket);
    void admit(tcp_socket socket);
    void pause(const boost::system::error_code& ec);

    boost::asio::io_context& ioc_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer backoff_;
    server_core& core_;
    connection_limits& limits_;
    // The busy answers, serialized once: over the total cap, over the per-address cap.
    std::shared_ptr<const std::string> server_full_;
    std::shared_ptr<const std::string> address_full_;
    // The current episode of running out of descriptors (0 failures: none).
    unsigned failures_ = 0;
    std::chrono::steady_clock::time_point episode_start_;
};

} // namespace asamblea::server
