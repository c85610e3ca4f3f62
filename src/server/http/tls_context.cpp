#include "server/http/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <fstream>
#include <stdexcept>

namespace asamblea::server {

namespace ssl = boost::asio::ssl;

namespace {

// A missing or unreadable file is named as such; OpenSSL's own words only for what it refuses.
void require_readable(const char* option, const std::string& file) {
    if (file.empty())
        throw std::runtime_error(std::string(option) + " needs a file");
    std::ifstream in(file);
    if (!in)
        throw std::runtime_error(std::string(option) + " " + file + ": cannot be read");
}

std::string tls_refusal(const char* option, const std::string& file,
                        const boost::system::error_code& ec) {
    return std::string(option) + " " + file + ": not a usable PEM file (" + ec.message() + ")";
}

} // namespace

std::unique_ptr<ssl::context> make_tls_context(const std::string& cert_file,
                                               const std::string& key_file) {
    if (cert_file.empty() != key_file.empty())
        throw std::runtime_error("--tls-cert and --tls-key go together: give both or neither");
    require_readable("--tls-cert", cert_file);
    require_readable("--tls-key", key_file);
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    // TLS 1.2 and 1.3 only; no compression, a fresh key for every ephemeral exchange.
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                     ssl::context::no_compression | ssl::context::single_dh_use);
    if (SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION) != 1)
        throw std::runtime_error("TLS: cannot require TLS 1.2 or later");
    boost::system::error_code ec;
    ctx->use_certificate_chain_file(cert_file, ec);
    if (ec)
        throw std::runtime_error(tls_refusal("--tls-cert", cert_file, ec));
    const std::runtime_error mismatch("--tls-key " + key_file +
                                      " is not the key of the certificate in " + cert_file);
    ctx->use_private_key_file(key_file, ssl::context::pem, ec);
    if (ec && ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == X509_R_KEY_VALUES_MISMATCH)
        throw mismatch;
    if (ec)
        throw std::runtime_error(tls_refusal("--tls-key", key_file, ec));
    if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
        ERR_clear_error();
        throw mismatch;
    }
    return ctx;
}

} // namespace asamblea::server
