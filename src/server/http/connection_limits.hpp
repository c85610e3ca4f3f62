#pragma once
/// Counts the connections held, in all and per client address, under the caps of server_limits
/// (domain/net/connection_caps). Each admitted connection holds a connection_slot for its whole
/// life, first in its http_session and then, after an upgrade, in its ws_session.

#include "domain/net/connection_caps.hpp"

#include <boost/asio/ip/address.hpp>

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace asamblea::server {

class connection_limits;
class metrics;

/// The key a client address is counted under: an IPv4 address as it is (also when it arrives
/// mapped into IPv6), an IPv6 address by its /64 prefix (one network hands its devices many
/// addresses of one /64).
std::string connection_address_key(const boost::asio::ip::address& address);

/// One admitted connection's place; given back when destroyed. Move-only; empty when refused.
class connection_slot {
public:
    connection_slot() = default;
    connection_slot(connection_slot&& other) noexcept;
    connection_slot& operator=(connection_slot&& other) noexcept;
    connection_slot(const connection_slot&) = delete;
    connection_slot& operator=(const connection_slot&) = delete;
    ~connection_slot();

    explicit operator bool() const { return owner_ != nullptr; }

private:
    friend class connection_limits;
    connection_slot(connection_limits* owner, std::string key)
        : owner_(owner), key_(std::move(key)) {}
    void release();

    connection_limits* owner_ = nullptr;
    std::string key_;
};

/// Thread-safe; must outlive every slot it hands out (the server keeps it beside server_core).
class connection_limits {
public:
    connection_limits(std::size_t max_total, std::size_t max_per_address, server::metrics& m);
    connection_limits(const connection_limits&) = delete;
    connection_limits& operator=(const connection_limits&) = delete;

    struct outcome {
        domain::admission verdict = domain::admission::admitted;
        connection_slot slot; // empty unless admitted
    };
    /// Admits a connection from the address with this key, or says which cap it is over (and
    /// counts the refusal in metrics).
    outcome admit(const std::string& address_key);

    std::size_t held() const;
    /// Connections of the address that holds the most (for /metrics).
    std::size_t busiest_address() const;

    /// Busy answers being written or lingering (their descriptors are outside the caps): a
    /// refusal may linger (read and drop what the client still sends, so the answer arrives
    /// instead of a reset) only while fewer than max_lingering do.
    static constexpr int max_lingering = 16;
    bool start_lingering();
    void stop_lingering();

private:
    friend class connection_slot;
    void release(const std::string& key);

    const std::size_t max_total_;
    const std::size_t max_per_address_;
    server::metrics& metrics_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::size_t> per_address_;
    std::size_t total_ = 0;
    int lingering_ = 0;
};

} // namespace asamblea::server
