#include "server/http/connection_limits.hpp"

#include "server/metrics.hpp"

#include <algorithm>

namespace asamblea::server {

std::string connection_address_key(const boost::asio::ip::address& address) {
    if (address.is_v4())
        return address.to_v4().to_string();
    auto v6 = address.to_v6();
    if (v6.is_v4_mapped())
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
    auto bytes = v6.to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

connection_slot::connection_slot(connection_slot&& other) noexcept
    : owner_(other.owner_), key_(std::move(other.key_)) {
    other.owner_ = nullptr;
}

connection_slot& connection_slot::operator=(connection_slot&& other) noexcept {
    if (this != &other) {
        release();
        owner_ = other.owner_;
        key_ = std::move(other.key_);
        other.owner_ = nullptr;
    }
    return *this;
}

connection_slot::~connection_slot() {
    release();
}

void connection_slot::release() {
    if (owner_)
        owner_->release(key_);
    owner_ = nullptr;
}

connection_limits::connection_limits(std::size_t max_total, std::size_t max_per_address,
                                     server::metrics& m)
    : max_total_(max_total), max_per_address_(max_per_address), metrics_(m) {
    metrics_.connections_max = static_cast<std::int64_t>(max_total);
    metrics_.connections_max_per_address = static_cast<std::int64_t>(max_per_address);
}

connection_limits::outcome connection_limits::admit(const std::string& address_key) {
    std::lock_guard lock(mutex_);
    auto it = per_address_.find(address_key);
    const std::size_t from_address = it == per_address_.end() ? 0 : it->second;
    outcome out;
    out.verdict = domain::admit_connection(total_, from_address, max_total_, max_per_address_);
    switch (out.verdict) {
    case domain::admission::server_full:
        ++metrics_.connections_refused_server_full;
        return out;
    case domain::admission::address_full:
        ++metrics_.connections_refused_address_full;
        return out;
    case domain::admission::admitted:
        break;
    }
    if (it == per_address_.end()) {
        it = per_address_.emplace(address_key, 0).first;
        ++metrics_.connection_addresses;
    }
    ++it->second;
    ++total_;
    ++metrics_.connections_held;
    out.slot = connection_slot(this, address_key);
    return out;
}

void connection_limits::release(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = per_address_.find(key);
    if (it == per_address_.end())
        return;
    if (--it->second == 0) {
        per_address_.erase(it);
        --metrics_.connection_addresses;
    }
    --total_;
    --metrics_.connections_held;
}

std::size_t connection_limits::held() const {
    std::lock_guard lock(mutex_);
    return total_;
}

std::size_t connection_limits::busiest_address() const {
    std::lock_guard lock(mutex_);
    std::size_t most = 0;
    for (const auto& [key, count] : per_address_)
        most = std::max(most, count);
    return most;
}

bool connection_limits::start_lingering() {
    std::lock_guard lock(mutex_);
    if (lingering_ >= max_lingering)
        return false;
    ++lingering_;
    return true;
}

void connection_limits::stop_lingering() {
    std::lock_guard lock(mutex_);
    --lingering_;
}

} // namespace asamblea::server
