#include "server/metrics.hpp"

#include <cstdio>

namespace asamblea::server {
namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// Label values escape backslash, quote and newline, as the exposition format requires.
std::string label(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace

void histogram::observe(double seconds) {
    std::size_t i = 0;
    while (i < bounds.size() && seconds > bounds[i])
        ++i;
    counts_[i].fetch_add(1, std::memory_order_relaxed);
    sum_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string histogram::render(const std::string& name, const std::string& help) const {
    std::string out = "# HELP " + name + " " + help + "\n# TYPE " + name + " histogram\n";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        cumulative += counts_[i].load(std::memory_order_relaxed);
        out +=
            name + "_bucket{le=\"" + number(bounds[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    cumulative += counts_[bounds.size()].load(std::memory_order_relaxed);
    out += name + "_bucket{le=\"+Inf\"} " + std::to_string(cumulative) + "\n";
    out += name + "_sum " + number(static_cast<double>(sum_micros_.load()) / 1e6) + "\n";
    out += name + "_count " + std::to_string(cumulative) + "\n";
    return out;
}

void metrics::count_request(const std::string& route, unsigned status) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
}

void metrics::set_queue_depth_source(std::function<std::size_t()> source) {
    std::lock_guard lock(mutex_);
    queue_depth_ = std::move(source);
}

void metrics::set_busiest_address_source(std::function<std::size_t()> source) {
    std::lock_guard lock(mutex_);
    busiest_address_ = std::move(source);
}

void metrics::add_text_source(std::function<std::string()> source) {
    std::lock_guard lock(mutex_);
    text_sources_.push_back(std::move(source));
}

std::string metrics::render() const {
    auto gauge = [](const std::string& name, const std::string& type, const std::string& help,
                    auto value) {
        return "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + " " +
               std::to_string(value) + "\n";
    };
    std::string out;
    out += gauge("asamblea_connections_open", "gauge", "Open HTTP connections.",
                 connections_open.load());
    out += gauge("asamblea_connections_total", "counter", "Accepted HTTP connections.",
                 connections_total.load());
    out += gauge("asamblea_websocket_sessions", "gauge", "Open WebSocket sessions.",
                 websocket_sessions.load());
    out += gauge("asamblea_websocket_dropped_total", "counter",
                 "WebSocket clients dropped for not reading.", websocket_dropped.load());
    out += gauge("asamblea_websocket_hello_timeouts_total", "counter",
                 "WebSocket connections closed for not saying hello in time.",
                 websocket_hello_timeouts.load());
    out += gauge("asamblea_websocket_idle_closed_total", "counter",
                 "WebSocket connections closed after the idle time-out without a frame.",
                 websocket_idle_closed.load());
    out += gauge("asamblea_websocket_fast_pings_total", "counter",
                 "WebSocket pings answered with the shared pong, without parsing.",
                 websocket_fast_pings.load());
    out += gauge("asamblea_requests_in_flight", "gauge", "Requests being handled.",
                 requests_in_flight.load());
    out += gauge("asamblea_rest_queue_waiting", "gauge", "REST requests waiting for a worker.",
                 rest_queue_waiting.load());
    out += gauge("asamblea_rest_busy_total", "counter",
                 "REST requests answered 503 because the worker queue was full.", rest_busy.load());
    out += gauge("asamblea_password_queue_waiting", "gauge",
                 "Logins and claims waiting for a password-hashing thread.",
                 password_queue_waiting.load());
    out += gauge("asamblea_password_busy_total", "counter",
                 "Logins and claims answered 503 because the password queue was full.",
                 password_busy.load());
    std::size_t depth = 0;
    {
        std::lock_guard lock(mutex_);
        if (queue_depth_)
            depth = queue_depth_();
        out += "# HELP asamblea_http_requests_total HTTP requests by route and status.\n"
               "# TYPE asamblea_http_requests_total counter\n";
        for (const auto& [key, count] : requests_)
            out += "asamblea_http_requests_total{route=\"" + label(key.first) + "\",status=\"" +
                   std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
    }
    out += gauge("asamblea_writer_queue_depth", "gauge", "Commands waiting for the writer.", depth);
    out += gauge("asamblea_writer_batches_total", "counter", "Committed writer batches.",
                 batches.load());
    out += gauge("asamblea_writer_commands_total", "counter", "Commands in committed batches.",
                 batched_commands.load());
    out += commit_latency.render("asamblea_commit_latency_seconds",
                                 "Time to run and commit one writer batch.");
    std::size_t busiest = 0;
    {
        std::lock_guard lock(mutex_);
        if (busiest_address_)
            busiest = busiest_address_();
    }
    out += gauge("asamblea_connections_held", "gauge",
                 "Connections holding a place under the caps (HTTP and WebSocket).",
                 connections_held.load());
    out += gauge("asamblea_connections_max", "gauge",
                 "Most connections held at once (--max-connections).", connections_max.load());
    out += gauge("asamblea_connections_max_per_address", "gauge",
                 "Most connections one client address holds at once "
                 "(--max-connections-per-address).",
                 connections_max_per_address.load());
    out += gauge("asamblea_connection_addresses", "gauge",
                 "Client addresses (IPv6: /64 prefixes) with a connection open.",
                 connection_addresses.load());
    out += gauge("asamblea_connections_busiest_address", "gauge",
                 "Connections held by the client address that holds the most.", busiest);
    out += "# HELP asamblea_connections_refused_total Connections answered 503 and closed, by the "
           "cap they were over.\n# TYPE asamblea_connections_refused_total counter\n"
           "asamblea_connections_refused_total{reason=\"server_full\"} " +
           std::to_string(connections_refused_server_full.load()) +
           "\nasamblea_connections_refused_total{reason=\"address_full\"} " +
           std::to_string(connections_refused_address_full.load()) + "\n";
    out += gauge("asamblea_descriptor_limit", "gauge",
                 "Descriptors the process may open (RLIMIT_NOFILE at start).",
                 descriptor_limit.load());
    out += gauge("asamblea_accept_descriptor_errors_total", "counter",
                 "Accepts that failed for lack of descriptors (EMFILE, ENFILE).",
                 accept_descriptor_errors.load());
    out += gauge("asamblea_accept_pauses_total", "counter",
                 "Times accepting paused because descriptors ran out.", accept_pauses.load());
    out += gauge("asamblea_tls_handshake_failures_total", "counter",
                 "TLS connections closed because their handshake failed or timed out.",
                 tls_handshake_failures.load());
    out += gauge("asamblea_rooms_loaded", "gauge", "Rooms (one per clinic in use) in memory.",
                 rooms_loaded.load());
    out +=
        gauge("asamblea_rooms_unloaded_total", "counter",
              "Rooms unloaded after going unused for the room idle time.", rooms_unloaded.load());
    std::vector<std::function<std::string()>> sources;
    {
        std::lock_guard lock(mutex_);
        sources = text_sources_;
    }
    for (const auto& source : sources)
        out += source();
    return out;
}

} // namespace asamblea::server
