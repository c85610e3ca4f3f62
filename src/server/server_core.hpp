#pragma once
/// Internal: what a connection needs from the server. Outlives every session (the server joins
/// its threads before destroying it).

#include "server/app_context.hpp"
#include "server/metrics.hpp"
#include "server/router.hpp"
#include "server/server_config.hpp"
#include "server/static_files.hpp"

#include <boost/asio/thread_pool.hpp>

#include <atomic>

namespace asamblea::server {

struct server_core {
    const server_config& config;
    const server::router& router;
    const server::static_files& files;
    server::metrics& metrics;
    boost::asio::thread_pool& workers;
    std::atomic<bool> stopping{false};
};

} // namespace asamblea::server
