#pragma once
/// The asamblea HTTP server: listener, io threads, worker pool, store; Beast stays behind pimpl.

#include "server/server_config.hpp"

#include <memory>
#include <string>
#include <vector>

namespace asamblea::store {
class store;
}

namespace asamblea::server {

class web_server {
public:
    /// Opens the store and loads web files and schemas; throws on a bad configuration.
    explicit web_server(server_config config);
    ~web_server();
    web_server(const web_server&) = delete;
    web_server& operator=(const web_server&) = delete;

    /// Binds and starts the io threads; returns the bound port (useful with port 0).
    unsigned short start();

    /// Graceful stop: stop accepting, let in-flight requests finish, drain the writer. Thread-safe.
    void stop();

    /// Blocks until the server has stopped and everything is flushed.
    void wait();

    store::store& store();

    /// The router's routes as "METHOD /pattern" (the upload route, /healthz, /metrics and the
    /// WebSocket are served outside it); the authorization matrix test checks each has a row.
    std::vector<std::string> route_names() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace asamblea::server
