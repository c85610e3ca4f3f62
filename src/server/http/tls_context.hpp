#pragma once
/// The server's TLS settings (serve --tls-cert/--tls-key): TLS 1.2 or later only, the
/// certificate chain and key read and checked against each other at start-up.

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <string>

namespace asamblea::server {

/// Reads the PEM certificate chain and private key. Throws std::runtime_error naming the option
/// and the file when one is missing, unreadable, not PEM, or the key does not match the
/// certificate, so `serve` stops before it listens.
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const std::string& cert_file,
                                                            const std::string& key_file);

} // namespace asamblea::server
