#include "server/web_server.hpp"

#include "server/api/app_context.hpp"
#include "server/auth/auth_service.hpp"
#include "server/checkpoint_metrics.hpp"
#include "server/fleet/fleet.hpp"
#include "server/fleet/national_cache.hpp"
#include "server/fleet/revocations.hpp"
#include "server/http/connection_limits.hpp"
#include "server/http/lan_addresses.hpp"
#include "server/http/listener.hpp"
#include "server/http/tls_context.hpp"
#include "server/rooms/room_registry.hpp"
#include "server/schema_registry.hpp"
#include "server/server_core.hpp"
#include "server/ws/idle_sweep.hpp"
#include "server/ws/ws_protocol.hpp"
#include "store/store.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <mutex>
#include <thread>

#include <pthread.h>
#include <sys/resource.h>
#include <vector>

namespace asamblea::server {

namespace asio = boost::asio;

#ifndef ASAMBLEA_SOURCE_DIR_DEFAULT
#define ASAMBLEA_SOURCE_DIR_DEFAULT "."
#endif

std::string default_web_root() {
    return std::string(ASAMBLEA_SOURCE_DIR_DEFAULT) + "/web";
}
std::string default_schema_dir() {
    return std::string(ASAMBLEA_SOURCE_DIR_DEFAULT) + "/schemas";
}

namespace {

// The soft limit on descriptors (`asamblea serve` raises it to the hard limit first).
std::uint64_t descriptor_soft_limit() {
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur == RLIM_INFINITY)
        return 1U << 20;
    return r.rlim_cur;
}

server_config with_defaults(server_config c) {
    if (c.limits.max_connections == 0)
        c.limits.max_connections = domain::default_max_connections(descriptor_soft_limit());
    if (c.limits.max_connections_per_address == 0)
        c.limits.max_connections_per_address = c.limits.max_connections;
    if (c.web_root.empty())
        c.web_root = default_web_root();
    if (c.schema_dir.empty())
        c.schema_dir = default_schema_dir();
    if (c.threads == 0)
        c.threads = std::max(1U, std::thread::hardware_concurrency());
    if (c.workers == 0)
        c.workers = 1;
    if (c.room_threads == 0)
        c.room_threads = 1;
    if (c.password_threads == 0)
        c.password_threads = 1;
    c.close_grace = std::clamp(c.close_grace, std::chrono::milliseconds(0),
                               std::chrono::milliseconds(domain::max_close_grace));
    c.voter_progress = std::clamp(c.voter_progress, std::chrono::milliseconds(100),
                                  std::chrono::milliseconds(60'000));
    return c;
}

// A fleet needs both the map and the key; either alone is a mistake in the command line.
std::unique_ptr<fleet> make_fleet(const server_config& c) {
    if (c.fleet_key.empty())
        return nullptr;
    if (!c.shards)
        throw std::runtime_error("--fleet-key needs --shards and --shard");
    return std::make_unique<fleet>(*c.shards, c.shard, store::load_key(c.fleet_key));
}

store::store::options store_options(const server_config& c) {
    store::store::options o;
    o.readers = c.readers;
    o.writes = c.writes;
    return o;
}

} // namespace

struct web_server::impl {
    server_config config;
    // First, so a bad certificate or key stops the start before the store is opened.
    std::unique_ptr<asio::ssl::context> tls;
    std::unique_ptr<store::store> db;
    schema_registry schemas;
    static_files files;
    server::metrics metrics;
    auth_service auth;
    server::router router;
    std::unique_ptr<server::fleet> peers;
    server::national_cache national_answers;
    // Fleet tokens revoked anywhere in the fleet, and the threads that pull them (fleet only).
    revocation_list revoked;
    std::unique_ptr<revocation_poller> revocation_pulls;
    app_context ctx;
    // Declared before the pool and io_context so sessions destroyed with them can still use it.
    connection_limits connections;
    server_core core;
    asio::thread_pool workers;
    // Told how many threads run it: with one, Asio queues the handlers that thread posts to
    // itself (a socket's next read or write, a strand's next handler) without its mutex and
    // wakes no other thread (issue 19).
    asio::io_context ioc{static_cast<int>(config.threads)};
    // Rooms (their strands and timers) run on a context and thread of their own. In a burst
    // thousands of sockets are ready at once and Asio's reactor takes 128 events per
    // epoll_wait, so a timer sharing that reactor fired up to 600 ms late and projectors lagged.
    asio::io_context room_ioc{static_cast<int>(config.room_threads)};
    asio::executor_work_guard<asio::io_context::executor_type> room_work{room_ioc.get_executor()};
    std::vector<std::thread> room_threads;
    ballot_shedder shedder{config.shed}; // before the rooms, which hold it
    room_registry rooms;
    ws_protocol protocol{ctx};
    std::shared_ptr<server::listener> acceptor;
    idle_sweep silence{ioc, core, idle_sweep::period_for(config.ws.idle_timeout)};
    std::vector<std::thread> threads;
    std::once_flag stop_once;
    std::once_flag wait_once;
    std::unique_ptr<asio::steady_timer> drain_timer;
    std::chrono::steady_clock::time_point drain_deadline;
    // argon2id (logins, committee claims) on threads of its own: at most password_threads
    // hashes, each taking argon2id's memory cost, run at once, and never on a REST worker.
    asio::thread_pool passwords;

    explicit impl(server_config c)
        : config(with_defaults(std::move(c))),
          tls(config.tls_cert.empty() && config.tls_key.empty()
                  ? nullptr
                  : make_tls_context(config.tls_cert, config.tls_key)),
          db(std::make_unique<store::store>(config.data_dir, store_options(config))),
          schemas(config.schema_dir), files(config.web_root), auth(*db),
          peers(make_fleet(config)), ctx{*db,
                                         schemas,
                                         auth,
                                         metrics,
                                         rooms,
                                         config.public_url,
                                         config.lan_addresses ? *config.lan_addresses
                                                              : lan_addresses(),
                                         tls ? "https" : "http",
                                         peers.get()},
          connections(config.limits.max_connections, config.limits.max_connections_per_address,
                      metrics),
          core(config, router, files, metrics, workers), workers(config.workers),
          ioc(static_cast<int>(config.threads)), room_ioc(static_cast<int>(config.room_threads)),
          rooms(room_ioc.get_executor(), *db,
                room_registry::options{.close_grace = config.close_grace,
                                       .voter_progress = config.voter_progress,
                                       .room_idle = config.room_idle,
                                       .clinic_recheck = config.clinic_recheck,
                                       .stats = &metrics,
                                       .shedder = &shedder,
                                       .shards = config.shards ? &*config.shards : nullptr,
                                       .shard = config.shard}),
          passwords(config.password_threads) {
        metrics.set_queue_depth_source([this] { return db->writer().queue_depth(); });
        metrics.set_busiest_address_source([this] { return connections.busiest_address(); });
        metrics.descriptor_limit = static_cast<std::int64_t>(descriptor_soft_limit());
        auth.set_throttles(config.login_throttle, config.code_throttle);
        if (peers) {
            auth.join_fleet(peers.get(), &revoked);
            revocation_pulls = std::make_unique<revocation_poller>(*peers, *db, revoked,
                                                                   config.revocation_interval);
        }
        metrics.add_text_source([this] { return auth.metrics_text(); });
        metrics.add_text_source([this] { return shedder.metrics_text(); });
        metrics.add_text_source(
            [this] { return checkpoint_metrics_text(db->writer().checkpoint_totals()); });
        if (peers) {
            ctx.national_cache = &national_answers;
            metrics.add_text_source([this] { return national_answers.metrics_text(); });
        }
        db->writer().set_observer([this](std::size_t n, std::chrono::nanoseconds t) {
            metrics.commit_latency.observe(std::chrono::duration<double>(t).count());
            ++metrics.batches;
            metrics.batched_commands += n;
        });
        core.protocol = &protocol;
        core.tls = tls.get();
        core.passwords = &passwords;
        add_auth_routes(router, ctx);
        add_clinic_routes(router, ctx);
        add_assembly_routes(router, ctx);
        add_attendee_routes(router, ctx);
        add_proposal_routes(router, ctx);
        add_floor_routes(router, ctx);
        add_round_routes(router, ctx);
        add_committee_routes(router, ctx);
        add_acta_routes(router, ctx);
        add_followup_report_routes(router, ctx);
        add_chain_routes(router, ctx);
        add_join_routes(router, ctx);
        add_national_routes(router, ctx);
        add_followup_routes(router, ctx);
        add_evidence_routes(router, ctx);
        add_public_followup_routes(router, ctx);
        add_public_assembly_routes(router, ctx);
        add_open_data_routes(router, ctx);
        add_incident_routes(router, ctx);
        add_national_view_routes(router, ctx);
        add_red_flag_routes(router, ctx);
        add_fleet_routes(router, ctx);
        add_fleet_national_routes(router, ctx);
        add_fleet_login_routes(router, ctx);
        add_fleet_open_data_routes(router, ctx);
        add_fleet_clinic_routes(router, ctx);
        core.api = &ctx;
        // Uploads cut short by a crash left their temporary files; none is in flight yet. A
        // failure here costs only disk space, so the server still starts (voting needs no files).
        if (auto cleaned = db->evidence().remove_stale_uploads(); !cleaned)
            std::cerr << (nlohmann::json{{"level", "warning"},
                                         {"code", "evidence_cleanup"},
                                         {"detail", cleaned.error().field}}
                              .dump() +
                          "\n")
                      << std::flush;
    }

    // Polls until in-flight work is done or the grace period ends, then stops the io threads.
    void drain() {
        bool idle = metrics.requests_in_flight == 0 && metrics.connections_open == 0 &&
                    metrics.websocket_sessions == 0;
        if (idle || std::chrono::steady_clock::now() >= drain_deadline) {
            ioc.stop();
            return;
        }
        drain_timer->expires_after(std::chrono::milliseconds(20));
        drain_timer->async_wait([this](boost::system::error_code) { drain(); });
    }
};

web_server::web_server(server_config config) : impl_(std::make_unique<impl>(std::move(config))) {}

web_server::~web_server() {
    stop();
    wait();
}

unsigned short web_server::start() {
    auto address = asio::ip::make_address(impl_->config.address);
    impl_->acceptor =
        std::make_shared<listener>(impl_->ioc, asio::ip::tcp::endpoint{address, impl_->config.port},
                                   impl_->core, impl_->connections);
    impl_->acceptor->run();
    impl_->silence.start();
    // Open rounds with a countdown, from before a restart: their rooms close them on time.
    impl_->rooms.rearm_countdowns();
    if (impl_->revocation_pulls)
        impl_->revocation_pulls->start();
    // Named, so `top -H` tells where the time goes.
    for (unsigned i = 0; i < impl_->config.room_threads; ++i)
        impl_->room_threads.emplace_back([this] {
            pthread_setname_np(pthread_self(), "asamblea-rooms");
            impl_->room_ioc.run();
        });
    for (unsigned i = 0; i < impl_->config.threads; ++i)
        impl_->threads.emplace_back([this] {
            pthread_setname_np(pthread_self(), "asamblea-io");
            impl_->ioc.run();
        });
    return impl_->acceptor->port();
}

void web_server::stop() {
    std::call_once(impl_->stop_once, [this] {
        impl_->core.stopping = true;
        if (impl_->threads.empty()) {
            impl_->ioc.stop();
            return;
        }
        asio::post(impl_->ioc, [this] {
            if (impl_->acceptor)
                impl_->acceptor->close();
            impl_->silence.stop();
            for (auto& s : impl_->core.open_sessions())
                s->close_going_away();
            impl_->drain_deadline =
                std::chrono::steady_clock::now() + impl_->config.limits.shutdown_grace;
            impl_->drain_timer = std::make_unique<asio::steady_timer>(impl_->ioc);
            impl_->drain();
        });
    });
}

void web_server::wait() {
    std::call_once(impl_->wait_once, [this] {
        for (auto& t : impl_->threads)
            t.join();
        impl_->workers.join(); // REST handlers may wait on rooms: stop the rooms after them
        // A committee claim waits on its room too.
        impl_->passwords.join();
        // Before the store stops: the pulls read its table.
        if (impl_->revocation_pulls)
            impl_->revocation_pulls->stop();
        impl_->room_work.reset();
        impl_->room_ioc.stop();
        for (auto& t : impl_->room_threads)
            t.join();
        impl_->core.protocol = nullptr; // sessions still queued in the io_context outlive it
        impl_->db->stop();
    });
}

store::store& web_server::store() {
    return *impl_->db;
}

std::vector<std::string> web_server::route_names() const {
    return impl_->router.names();
}

} // namespace asamblea::server
