#include "server/http/listener.hpp"

#include "server/http/http_session.hpp"

#include <boost/asio/strand.hpp>

#include <iostream>

namespace asamblea::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

listener::listener(asio::io_context& ioc, tcp::endpoint endpoint, server_core& core)
    : ioc_(ioc), acceptor_(ioc), core_(core) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
}

void listener::run() {
    do_accept();
}

void listener::close() {
    boost::system::error_code ec;
    acceptor_.close(ec);
}

unsigned short listener::port() const {
    return acceptor_.local_endpoint().port();
}

void listener::do_accept() {
    acceptor_.async_accept(
        asio::make_strand(ioc_),
        [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !self->acceptor_.is_open())
                return;
            if (!ec) {
                std::make_shared<http_session>(std::move(socket), self->core_)->run();
            } else if (ec == asio::error::no_descriptors) {
                // Out of file descriptors: back off instead of spinning on the same error.
                std::cerr << "accept: " << ec.message() << "\n";
            }
            self->do_accept();
        });
}

} // namespace asamblea::server
