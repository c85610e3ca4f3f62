#pragma once
/// The buffer a WebSocket message is read into, small while the connection waits. Beast prepares
/// room before a read starts, as much as a TCP frame (1,536 bytes) when the buffer is empty, and
/// a flat_buffer keeps its capacity: every idle phone would hold 1.5 KiB for a message that comes
/// every 30–60 s. This one offers only `first_bytes` until the first byte of a message is in (the
/// frame header waits in Beast's own buffer), then grows like a flat_buffer, and release() gives
/// everything back after each message.

#include <boost/beast/core/flat_buffer.hpp>

#include <cstddef>

namespace asamblea::server {

class read_buffer {
public:
    using const_buffers_type = boost::beast::flat_buffer::const_buffers_type;
    using mutable_buffers_type = boost::beast::flat_buffer::mutable_buffers_type;

    /// What an empty buffer offers a read: a malloc chunk's worth, so a ping fits in one piece.
    static constexpr std::size_t first_bytes = 24;

    std::size_t size() const noexcept { return inner_.size(); }
    /// Capped at first_bytes while empty: Beast sizes its first prepare() from this.
    std::size_t max_size() const noexcept {
        return inner_.size() == 0 ? first_bytes : inner_.max_size();
    }
    std::size_t capacity() const noexcept { return inner_.capacity(); }
    const_buffers_type data() const noexcept { return inner_.data(); }
    mutable_buffers_type data() noexcept { return inner_.data(); }
    mutable_buffers_type prepare(std::size_t n) { return inner_.prepare(n); }
    void commit(std::size_t n) noexcept { inner_.commit(n); }
    void consume(std::size_t n) noexcept { inner_.consume(n); }

    /// Drops the contents and frees the memory.
    void release() noexcept {
        inner_.clear();
        inner_.shrink_to_fit();
    }

private:
    boost::beast::flat_buffer inner_;
};

} // namespace asamblea::server
