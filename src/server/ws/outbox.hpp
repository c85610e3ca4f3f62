#pragma once
/// The bounded queue of one WebSocket's outgoing messages. A slow reader's snapshots collapse to
/// the newest one; past the hard limits the client is to be dropped. No I/O: unit-tested alone.

#include <cstddef>
#include <deque>
#include <memory>
#include <string>

namespace asamblea::server {

class outbox {
public:
    struct limits {
        std::size_t soft_count = 32;
        std::size_t hard_count = 256;
        std::size_t hard_bytes = 4 * 1024 * 1024;
    };
    enum class verdict { queued, drop_client };

    explicit outbox(limits l) : limits_(l) {}

    /// Adds a message. `in_flight` tells whether the front message is being written (it stays).
    verdict push(std::shared_ptr<const std::string> message, bool replaceable, bool in_flight);

    bool empty() const { return items_.empty(); }
    std::size_t size() const { return items_.size(); }
    std::size_t bytes() const { return bytes_; }
    const std::string& front() const { return *items_.front().message; }
    void pop_front();
    /// Drops everything except the message in flight, whose buffer must outlive its write.
    void clear(bool in_flight);

private:
    struct item {
        std::shared_ptr<const std::string> message;
        bool replaceable;
    };
    limits limits_;
    std::deque<item> items_;
    std::size_t bytes_ = 0;
};

} // namespace asamblea::server
