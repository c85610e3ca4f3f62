// Behind HAProxy the client's address comes from X-Forwarded-For, but only from the proxy: a
// client that sends the header itself must not choose the address its budget is counted on.
#include "domain/net/trusted_proxy.hpp"

#include <doctest/doctest.h>

namespace trusted_proxy_test {

using namespace asamblea::domain;

std::vector<address_block> trusted(const char* text) {
    auto parsed = parse_trusted_proxies(text);
    REQUIRE_MESSAGE(parsed, text);
    return *parsed;
}

TEST_CASE("trusted proxies are addresses or CIDR blocks, IPv4 or IPv6") {
    auto t = trusted("127.0.0.1, 10.1.0.0/16,fd00::/8");
    CHECK(is_trusted_proxy("127.0.0.1", t));
    CHECK(is_trusted_proxy("::ffff:127.0.0.1", t));
    CHECK(is_trusted_proxy("10.1.200.3", t));
    CHECK_FALSE(is_trusted_proxy("10.2.0.1", t));
    CHECK(is_trusted_proxy("fd12::1", t));
    CHECK_FALSE(is_trusted_proxy("fe80::1", t));
    CHECK_FALSE(is_trusted_proxy("127.0.0.2", t));
    CHECK_FALSE(is_trusted_proxy("not an address", t));
}

TEST_CASE("what is not an address or a CIDR is refused") {
    for (const char* bad :
         {"", "10.0.0.1,", "10.0.0.0/33", "::/129", "10.0.0.0/x", "proxy.lan", "10.0.0.1/-1"}) {
        auto parsed = parse_trusted_proxies(bad);
        CHECK_MESSAGE(!parsed, bad);
        if (!parsed)
            CHECK(parsed.error().code == "bad_trusted_proxy");
    }
}

TEST_CASE("only a trusted peer's X-Forwarded-For names the client, by its last address") {
    auto t = trusted("127.0.0.1");
    CHECK(client_address("127.0.0.1", "203.0.113.9", t) == "203.0.113.9");
    // The client forged the first entries; the proxy appended the last.
    CHECK(client_address("127.0.0.1", "1.2.3.4, 203.0.113.9", t) == "203.0.113.9");
    CHECK(client_address("127.0.0.1", "2001:db8::7", t) == "2001:db8::7");
    // From anyone else the header changes nothing.
    CHECK(client_address("198.51.100.1", "203.0.113.9", t) == "198.51.100.1");
    // Without trusted proxies, or with a header that names no address, the peer counts.
    CHECK(client_address("127.0.0.1", "203.0.113.9", {}) == "127.0.0.1");
    CHECK(client_address("127.0.0.1", "", t) == "127.0.0.1");
    CHECK(client_address("127.0.0.1", "1.2.3.4, unknown", t) == "127.0.0.1");
}

} // namespace trusted_proxy_test
