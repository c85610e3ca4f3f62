#pragma once
/// Process metrics, rendered in the Prometheus text format at /metrics.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace asamblea::server {

/// A cumulative histogram with fixed bucket bounds, safe to observe from any thread.
class histogram {
public:
    static constexpr std::array<double, 12> bounds = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02,
                                                      0.05,   0.1,   0.2,   0.5,   1.0,  2.0};
    void observe(double seconds);
    std::string render(const std::string& name, const std::string& help) const;

private:
    std::array<std::atomic<std::uint64_t>, bounds.size() + 1> counts_{};
    std::atomic<std::uint64_t> sum_micros_{0};
};

class metrics {
public:
    std::atomic<std::int64_t> connections_open{0};
    std::atomic<std::uint64_t> connections_total{0};
    std::atomic<std::int64_t> websocket_sessions{0};
    std::atomic<std::uint64_t> websocket_dropped{0}; // slow clients cut off at the hard limit
    std::atomic<std::uint64_t> websocket_hello_timeouts{0}; // closed for never saying hello
    std::atomic<std::uint64_t> websocket_idle_closed{0};    // closed for silence (idle_sweep)
    std::atomic<std::uint64_t> websocket_fast_pings{0}; // {"type":"ping"} answered without parsing
    std::atomic<std::int64_t> requests_in_flight{0};
    histogram commit_latency; // seconds per writer batch commit
    std::atomic<std::uint64_t> batches{0};
    std::atomic<std::uint64_t> batched_commands{0};
    // REST requests waiting for a worker, and those refused because that queue was full.
    std::atomic<std::int64_t> rest_queue_waiting{0};
    std::atomic<std::uint64_t> rest_busy{0};
    // Logins and claims waiting for a password thread, and those refused (that queue full).
    std::atomic<std::int64_t> password_queue_waiting{0};
    std::atomic<std::uint64_t> password_busy{0};
    // Connection caps (http/connection_limits) and the accept loop (http/listener).
    std::atomic<std::int64_t> connections_held{0}; // sockets holding a place: HTTP and WebSocket
    std::atomic<std::int64_t> connections_max{0};
    std::atomic<std::int64_t> connections_max_per_address{0};
    std::atomic<std::int64_t> connection_addresses{0}; // addresses (IPv6: /64) with a connection
    std::atomic<std::uint64_t> connections_refused_server_full{0};
    std::atomic<std::uint64_t> connections_refused_address_full{0};
    std::atomic<std::int64_t> descriptor_limit{0}; // RLIMIT_NOFILE's soft limit at start
    // Accepts that failed for lack of descriptors, and the episodes of those (accepting paused).
    std::atomic<std::uint64_t> accept_descriptor_errors{0};
    std::atomic<std::uint64_t> accept_pauses{0};
    // With TLS: connections closed because their handshake failed or did not finish in time.
    std::atomic<std::uint64_t> tls_handshake_failures{0};
    std::atomic<std::int64_t> rooms_loaded{0};    // clinics' rooms in memory (room_registry)
    std::atomic<std::uint64_t> rooms_unloaded{0}; // rooms dropped after going unused

    /// Counts one finished request under its route label and status.
    void count_request(const std::string& route, unsigned status);

    /// Reads the writer's queue depth when rendering.
    void set_queue_depth_source(std::function<std::size_t()> source);

    /// Reads the connections of the busiest client address when rendering.
    void set_busiest_address_source(std::function<std::size_t()> source);
    /// Appends the lines a part renders itself (Prometheus text) to every render.
    void add_text_source(std::function<std::string()> source);

    std::string render() const;

private:
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;
    std::function<std::size_t()> queue_depth_;
    std::function<std::size_t()> busiest_address_;
    std::vector<std::function<std::string()>> text_sources_;
};

} // namespace asamblea::server
