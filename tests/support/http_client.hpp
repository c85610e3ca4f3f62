#pragma once
/// A real HTTP/1.1 client over Beast for integration tests: one keep-alive connection. Beast stays
/// in http_client.cpp, compiled once, so the test files that use it parse none of it.

#include "tls_trust.hpp"

#include <map>
#include <memory>
#include <string>

struct http_reply {
    unsigned status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    bool keep_alive = false;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

class http_client {
public:
    explicit http_client(unsigned short port);
    /// Connects from a given loopback source address (127.0.0.2, …), as another client would.
    http_client(unsigned short port, const std::string& source_address);
    /// Speaks HTTPS to a server with --tls-cert: the handshake checks the certificate against
    /// `trust` for "localhost" (and throws when it fails).
    http_client(unsigned short port, const tls_trust& trust);
    ~http_client();
    http_client(const http_client&) = delete;
    http_client& operator=(const http_client&) = delete;

    /// Sends one request (a body or a POST gets Content-Type application/json) and reads the reply.
    http_reply request(const std::string& method, const std::string& target,
                       const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {});

    /// Sends raw bytes, for malformed requests, and reads whatever comes back.
    http_reply raw(const std::string& bytes);

    /// Sends raw bytes and reads nothing (a request sent in pieces).
    void send_raw(const std::string& bytes);
    /// Reads one reply (after send_raw).
    http_reply read_reply(bool head = false);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};
