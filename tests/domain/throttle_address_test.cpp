// A throttle counts an IPv6 client by its /64, so walking through one's own block gains nothing.
#include "domain/throttle_address.hpp"

#include <doctest/doctest.h>

namespace throttle_address_test {

using asamblea::domain::throttle_address;

TEST_CASE("IPv4 addresses are counted as they are, also when mapped into IPv6") {
    CHECK(throttle_address("203.0.113.7") == "203.0.113.7");
    CHECK(throttle_address("::ffff:203.0.113.7") == "203.0.113.7");
    CHECK(throttle_address("127.0.0.1") == "127.0.0.1");
}

TEST_CASE("IPv6 addresses are counted by their /64") {
    CHECK(throttle_address("2001:db8:0:7::1") == "2001:db8:0:7::/64");
    CHECK(throttle_address("2001:DB8:0:7:abcd:ef01:2345:6789") == "2001:db8:0:7::/64");
    CHECK(throttle_address("2001:0db8:0000:0007:0:0:0:2") == "2001:db8:0:7::/64");
    CHECK(throttle_address("2001:db8::1") == "2001:db8:0:0::/64");
    CHECK(throttle_address("::1") == "0:0:0:0::/64");
    CHECK(throttle_address("fe80::1%eth0") == "fe80:0:0:0::/64");
    CHECK(throttle_address("64:ff9b::203.0.113.7") == "64:ff9b:0:0::/64");
}

TEST_CASE("text that is no address is kept as it is") {
    CHECK(throttle_address("") == "");
    CHECK(throttle_address("1:2:3") == "1:2:3");
    CHECK(throttle_address("zz::1") == "zz::1");
}

} // namespace throttle_address_test
