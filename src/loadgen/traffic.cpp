#include "loadgen/traffic.hpp"

namespace asamblea::loadgen {

using nlohmann::json;

namespace {

// The counts of `c` divided by `d`, each null when `d` is not positive.
json traffic_ratio(const traffic_count& c, double d) {
    auto div = [d](long n) -> json {
        if (d <= 0)
            return nullptr;
        return static_cast<double>(n) / d;
    };
    return {{"rx_bytes", div(c.rx_bytes)}, {"rx_msgs", div(c.rx_msgs)},
            {"tx_bytes", div(c.tx_bytes)}, {"tx_msgs", div(c.tx_msgs)},
            {"pings", div(c.pings)},       {"rx_control", div(c.rx_control)}};
}

} // namespace

traffic_count& traffic_count::operator+=(const traffic_count& o) {
    rx_bytes += o.rx_bytes;
    rx_msgs += o.rx_msgs;
    tx_bytes += o.tx_bytes;
    tx_msgs += o.tx_msgs;
    pings += o.pings;
    rx_control += o.rx_control;
    return *this;
}

traffic_count traffic_count::operator-(const traffic_count& o) const {
    return {rx_bytes - o.rx_bytes, rx_msgs - o.rx_msgs, tx_bytes - o.tx_bytes,
            tx_msgs - o.tx_msgs,   pings - o.pings,     rx_control - o.rx_control};
}

json traffic_count_json(const traffic_count& c) {
    return {{"rx_bytes", c.rx_bytes}, {"rx_msgs", c.rx_msgs}, {"tx_bytes", c.tx_bytes},
            {"tx_msgs", c.tx_msgs},   {"pings", c.pings},     {"rx_control", c.rx_control}};
}

traffic_count traffic_count_from(const json& j) {
    auto get = [&j](const char* key) {
        return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<long>() : 0L;
    };
    return {get("rx_bytes"), get("rx_msgs"), get("tx_bytes"),
            get("tx_msgs"),  get("pings"),   get("rx_control")};
}

traffic_count traffic_counter::read() const {
    return {rx_bytes_.load(std::memory_order_relaxed), rx_msgs_.load(std::memory_order_relaxed),
            tx_bytes_.load(std::memory_order_relaxed), tx_msgs_.load(std::memory_order_relaxed),
            pings_.load(std::memory_order_relaxed),    rx_control_.load(std::memory_order_relaxed)};
}

json device_traffic_json(const device_traffic& t) {
    json j = traffic_count_json(t.count);
    j["held"] = t.held;
    j["device_seconds"] = t.device_seconds;
    j["per_device"] = traffic_ratio(t.count, static_cast<double>(t.held));
    j["per_device_per_min"] = traffic_ratio(t.count, t.device_seconds / 60);
    return j;
}

} // namespace asamblea::loadgen
