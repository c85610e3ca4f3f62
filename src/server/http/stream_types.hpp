#pragma once
/// The types of an accepted connection, on the concrete strand each one gets at accept. Asio's
/// default, the polymorphic any_io_executor, is 56 bytes where this strand is 24, and every
/// socket, timer and pending operation of a connection carries one or two copies: about 100
/// bytes of each idle phone's memory (issue 19).

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace asamblea::server {

using connection_strand = boost::asio::strand<boost::asio::io_context::executor_type>;
/// The bare socket: what a plain WebSocket runs on.
using tcp_socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, connection_strand>;
/// A socket with Beast's time-outs: plain HTTP.
using plain_stream = boost::beast::basic_stream<boost::asio::ip::tcp, connection_strand>;
/// HTTPS and WSS.
using tls_stream = boost::beast::ssl_stream<plain_stream>;

} // namespace asamblea::server
