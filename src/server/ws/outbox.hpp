#pragma once
/// The bounded queue of one WebSocket's outgoing messages. A slow reader's snapshots collapse to
/// the newest one, a progress message replaces the one queued right before it; past the hard
/// limits the client is to be dropped. No I/O: unit-tested alone.
/// An idle connection's queue holds no memory: the front message lives inline (one message at a
/// time is the usual case), and only the ones queued behind it use a vector, freed once drained.

#include "server/rooms/push_kind.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

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
    /// A progress message takes the place of a progress message queued last (not in flight):
    /// it carries the same figures, newer. Past the soft count, a snapshot drops every queued
    /// snapshot and progress message not in flight.
    verdict push(std::shared_ptr<const std::string> message, push_kind kind, bool in_flight);

    bool empty() const { return !front_.message; }
    std::size_t size() const { return (front_.message ? 1 : 0) + rest_.size(); }
    std::size_t bytes() const { return bytes_; }
    const std::string& front() const { return *front_.message; }
    void pop_front();
    /// Drops everything except the message in flight, whose buffer must outlive its write.
    void clear(bool in_flight);
    /// Bytes the queue holds beyond its own object (0 when at most one message is queued).
    std::size_t spilled_capacity() const { return rest_.capacity() * sizeof(item); }

private:
    struct item {
        std::shared_ptr<const std::string> message;
        push_kind kind = push_kind::reply;
    };
    void drop(item& i);
    void release_rest();

    limits limits_;
    item front_;             // the oldest message (the one being written, if any)
    std::vector<item> rest_; // the messages behind it, oldest first
    std::size_t bytes_ = 0;
};

} // namespace asamblea::server
