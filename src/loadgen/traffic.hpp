#pragma once
/// WebSocket traffic of the simulated devices: the payload bytes and messages that phones and
/// projectors receive and send (their pings among them), and the control frames they receive
/// (the server's keep-alive pings, sent when a socket has been silent for half its idle timeout). A
/// worker's connections count on any thread; the worker reads the counts at a phase's edges, and
/// the report turns the workers' counts into figures per device and per device per minute.

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstddef>

namespace asamblea::loadgen {

struct traffic_count {
    long rx_bytes = 0, rx_msgs = 0, tx_bytes = 0, tx_msgs = 0, pings = 0, rx_control = 0;

    traffic_count& operator+=(const traffic_count& o);
    traffic_count operator-(const traffic_count& o) const;
};

nlohmann::json traffic_count_json(const traffic_count& c);
/// Reads what traffic_count_json wrote (a missing field reads 0).
traffic_count traffic_count_from(const nlohmann::json& j);

/// One kind of device's counts, safe from every connection's thread at once.
class traffic_counter {
public:
    void received(std::size_t bytes) {
        rx_bytes_.fetch_add(static_cast<long>(bytes), std::memory_order_relaxed);
        rx_msgs_.fetch_add(1, std::memory_order_relaxed);
    }
    void sent(std::size_t bytes, bool ping) {
        tx_bytes_.fetch_add(static_cast<long>(bytes), std::memory_order_relaxed);
        tx_msgs_.fetch_add(1, std::memory_order_relaxed);
        if (ping)
            pings_.fetch_add(1, std::memory_order_relaxed);
    }
    void control_received() { rx_control_.fetch_add(1, std::memory_order_relaxed); }
    /// Devices of this kind holding a greeted socket now.
    void greeted() { held_.fetch_add(1, std::memory_order_relaxed); }
    void lost() { held_.fetch_sub(1, std::memory_order_relaxed); }
    long held() const { return held_.load(std::memory_order_relaxed); }
    traffic_count read() const;

private:
    std::atomic<long> rx_bytes_{0}, rx_msgs_{0}, tx_bytes_{0}, tx_msgs_{0}, pings_{0},
        rx_control_{0}, held_{0};
};

/// One kind of device over a phase, summed over the workers: the counts, the devices held, and
/// the device-seconds (devices held times each worker's window) that rates divide by.
struct device_traffic {
    traffic_count count;
    long held = 0;
    double device_seconds = 0;
};

/// {held, the counts, per_device: the counts / held, per_device_per_min: the counts per
/// device-minute}; a figure whose divisor is zero is null.
nlohmann::json device_traffic_json(const device_traffic& t);

} // namespace asamblea::loadgen
