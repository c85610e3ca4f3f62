#include "server/ws/read_buffer.hpp"

#include <boost/asio/buffer.hpp>
#include <doctest/doctest.h>

#include <cstring>
#include <string>

using asamblea::server::read_buffer;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace read_buffer_test {

namespace {
void append(read_buffer& b, const std::string& text) {
    auto room = b.prepare(text.size());
    std::memcpy(room.data(), text.data(), text.size());
    b.commit(text.size());
}
} // namespace

TEST_CASE("an empty read buffer offers a small first piece, then grows, and release frees it") {
    read_buffer b;
    CHECK(b.capacity() == 0);
    // What Beast asks of an empty buffer before a read: no more than the first piece.
    CHECK(b.max_size() == read_buffer::first_bytes);
    append(b, std::string(read_buffer::first_bytes, 'a'));
    CHECK(b.max_size() > 16 * 1024); // a message under way may grow to the stream's limit
    append(b, std::string(10000, 'b'));
    CHECK(b.size() == read_buffer::first_bytes + 10000);
    auto data = b.data();
    std::string text(static_cast<const char*>(data.data()), data.size());
    CHECK(text.front() == 'a');
    CHECK(text.back() == 'b');
    b.release();
    CHECK(b.size() == 0);
    CHECK(b.capacity() == 0);
    CHECK(b.max_size() == read_buffer::first_bytes);
}

} // namespace read_buffer_test
