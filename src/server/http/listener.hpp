#pragma once
/// Accepts TCP connections and hands each one, on its own strand, to an http_session.

#include "server/server_core.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <memory>

namespace asamblea::server {

class listener : public std::enable_shared_from_this<listener> {
public:
    /// Opens, binds and listens; throws on failure (e.g. the port is taken).
    listener(boost::asio::io_context& ioc, boost::asio::ip::tcp::endpoint endpoint,
             server_core& core);
    void run();
    /// Stops accepting; existing connections are unaffected. Call on the io_context.
    void close();
    unsigned short port() const;

private:
    void do_accept();

    boost::asio::io_context& ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    server_core& core_;
};

} // namespace asamblea::server
