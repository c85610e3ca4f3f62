// The accounting behind the connection caps (http/connection_limits): how a client address is
// keyed, and that a place is held exactly as long as its slot lives, wherever the slot moves.
#include "server/http/connection_limits.hpp"
#include "server/metrics.hpp"

#include <doctest/doctest.h>

#include <optional>

using asamblea::domain::admission;
using asamblea::server::connection_address_key;
using asamblea::server::connection_limits;
using asamblea::server::connection_slot;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace connection_slots_test {

namespace {
std::string key_of(const char* address) {
    return connection_address_key(boost::asio::ip::make_address(address));
}
} // namespace

TEST_CASE("IPv4 counts by address, also mapped into IPv6; IPv6 by its /64") {
    CHECK(key_of("10.1.2.3") == "10.1.2.3");
    CHECK(key_of("::ffff:10.1.2.3") == "10.1.2.3");
    // A phone's privacy addresses in one network share a /64.
    CHECK(key_of("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == key_of("2001:db8:1:2::1"));
    CHECK(key_of("2001:db8:1:2::1") == "2001:db8:1:2::/64");
    CHECK(key_of("2001:db8:1:3::1") != key_of("2001:db8:1:2::1"));
}

TEST_CASE("a place is held while its slot lives, moved or not") {
    asamblea::server::metrics m;
    connection_limits limits(3, 2, m);
    auto a = limits.admit("10.0.0.1");
    REQUIRE(a.verdict == admission::admitted);
    REQUIRE(a.slot);
    auto b = limits.admit("10.0.0.1");
    REQUIRE(b.verdict == admission::admitted);
    CHECK(limits.admit("10.0.0.1").verdict == admission::address_full);
    CHECK(m.connections_refused_address_full == 1);

    // Moving the slot (an upgrade to WebSocket) keeps the place; the moved-from one is empty.
    std::optional<connection_slot> moved(std::move(a.slot));
    CHECK_FALSE(a.slot);
    CHECK(limits.held() == 2);
    CHECK(limits.busiest_address() == 2);

    auto c = limits.admit("10.0.0.2");
    REQUIRE(c.verdict == admission::admitted);
    CHECK(limits.admit("10.0.0.3").verdict == admission::server_full);
    CHECK(m.connections_refused_server_full == 1);
    CHECK(m.connections_held == 3);
    CHECK(m.connection_addresses == 2);

    moved.reset();
    CHECK(limits.held() == 2);
    CHECK(limits.admit("10.0.0.1").verdict == admission::admitted); // dropped at once: given back
    CHECK(limits.held() == 2);

    // Assigning over a held slot gives the old place back.
    b.slot = std::move(c.slot);
    CHECK(limits.held() == 1);
    CHECK(m.connection_addresses == 1);
    b.slot = connection_slot{};
    CHECK(limits.held() == 0);
    CHECK(m.connections_held == 0);
    CHECK(m.connection_addresses == 0);
}

TEST_CASE("at most a few refusals linger at once") {
    asamblea::server::metrics m;
    connection_limits limits(1, 1, m);
    int started = 0;
    while (limits.start_lingering())
        ++started;
    CHECK(started == connection_limits::max_lingering);
    limits.stop_lingering();
    CHECK(limits.start_lingering());
}

} // namespace connection_slots_test
