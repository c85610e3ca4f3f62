// The connection caps (issue 17 item 4): the default total follows from the descriptor limit, the
// per-address default holds a large assembly behind one NAT, and accepting backs off when the
// descriptors run out instead of spinning.
#include "domain/net/connection_caps.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;
using std::chrono::milliseconds;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace connection_caps_test {

TEST_CASE("the default total keeps descriptors back for the database and files") {
    CHECK(reserved_descriptors(1024) == 80);
    CHECK(default_max_connections(1024) == 944);
    CHECK(default_max_connections(20000) == 20000 - 64 - 20000 / 64);
    // A large limit keeps at most 1,000 back: a national Saturday's 100,000 phones fit.
    CHECK(reserved_descriptors(1048576) == 1000);
    CHECK(default_max_connections(1048576) == 1047576);
    CHECK(default_max_connections(1048576) > 100000);
    // A limit too small for the reserve still serves one connection at a time.
    CHECK(default_max_connections(50) == 1);
    CHECK(default_max_connections(0) == 1);
}

TEST_CASE("the per-address default holds a large assembly behind one address with room to spare") {
    // 215 people asked for the floor at once in one assembly; carrier NAT puts several behind one
    // address.
    CHECK(default_max_connections_per_address >= 1000);
}

TEST_CASE("a connection is admitted under both caps, refused at either") {
    CHECK(admit_connection(0, 0, 10, 3) == admission::admitted);
    CHECK(admit_connection(9, 2, 10, 3) == admission::admitted);
    CHECK(admit_connection(5, 3, 10, 3) == admission::address_full);
    CHECK(admit_connection(10, 0, 10, 3) == admission::server_full);
    // The total is checked first: a full server is full for every address.
    CHECK(admit_connection(10, 3, 10, 3) == admission::server_full);
}

TEST_CASE("accepting pauses 50 ms after running out of descriptors, doubling up to 500 ms") {
    CHECK(accept_backoff(0) == milliseconds(50));
    CHECK(accept_backoff(1) == milliseconds(50));
    CHECK(accept_backoff(2) == milliseconds(100));
    CHECK(accept_backoff(3) == milliseconds(200));
    CHECK(accept_backoff(4) == milliseconds(400));
    CHECK(accept_backoff(5) == milliseconds(500));
    CHECK(accept_backoff(1000000) == milliseconds(500));
}

} // namespace connection_caps_test
