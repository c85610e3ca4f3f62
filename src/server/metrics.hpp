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
    std::atomic<std::int64_t> requests_in_flight{0};
    histogram commit_latency; // seconds per writer batch commit
    std::atomic<std::uint64_t> batches{0};
    std::atomic<std::uint64_t> batched_commands{0};

    /// Counts one finished request under its route label and status.
    void count_request(const std::string& route, unsigned status);

    /// Reads the writer's queue depth when rendering.
    void set_queue_depth_source(std::function<std::size_t()> source);

    /// Appends the lines a part renders itself (Prometheus text) to every render.
    void add_text_source(std::function<std::string()> source);

    std::string render() const;

private:
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;
    std::function<std::size_t()> queue_depth_;
    std::vector<std::function<std::string()>> text_sources_;
};

} // namespace asamblea::server
