#pragma once
/// Internal: what a connection needs from the server. Outlives every session (the server joins
/// its threads before destroying it).

#include "server/api/app_context.hpp"
#include "server/http/router.hpp"
#include "server/http/static_files.hpp"
#include "server/metrics.hpp"
#include "server/queue_admission.hpp"
#include "server/server_config.hpp"
#include "server/ws/ws_closer.hpp"

#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace boost::asio::ssl {
class context;
}

namespace asamblea::server {

class ws_protocol;

struct server_core {
    server_core(const server_config& c, const server::router& r, const server::static_files& f,
                server::metrics& m, boost::asio::thread_pool& w)
        : config(c), router(r), files(f), metrics(m), workers(w) {}

    const server_config& config;
    const server::router& router;
    const server::static_files& files;
    server::metrics& metrics;
    boost::asio::thread_pool& workers;
    std::atomic<bool> stopping{false};
    ws_protocol* protocol = nullptr;
    app_context* api = nullptr; // for the streamed upload route, which bypasses the router
    // With a certificate (server_config::tls_cert) every connection speaks TLS; null: plain.
    boost::asio::ssl::context* tls = nullptr;
    // REST handlers take a place on the workers or are answered busy (server_config::rest_queue).
    queue_admission rest_queue{config.workers, config.rest_queue, metrics.rest_queue_waiting,
                               metrics.rest_busy};
    // Routes that hash a password run on a pool of their own (server_config::password_threads).
    boost::asio::thread_pool* passwords = nullptr;
    queue_admission password_queue{config.password_threads, config.password_queue,
                                   metrics.password_queue_waiting, metrics.password_busy};

    /// Remembers an open WebSocket so shutdown can close it with 1001.
    void track(std::weak_ptr<ws_closer> s) {
        std::lock_guard lock(sessions_mutex);
        // Forget dead entries now and then so the list stays proportional to live sessions.
        if (sessions.size() >= 2 * live_hint + 64) {
            std::erase_if(sessions, [](const auto& w) { return w.expired(); });
            live_hint = sessions.size();
        }
        sessions.push_back(std::move(s));
    }
    std::vector<std::shared_ptr<ws_closer>> open_sessions() {
        std::lock_guard lock(sessions_mutex);
        std::vector<std::shared_ptr<ws_closer>> out;
        for (auto& w : sessions)
            if (auto s = w.lock())
                out.push_back(std::move(s));
        return out;
    }

    std::mutex sessions_mutex;
    std::vector<std::weak_ptr<ws_closer>> sessions;
    std::size_t live_hint = 0;
};

} // namespace asamblea::server
