// Which origin goes into the links and QR codes phones open: never a loopback name.
#include "domain/net/link_origin.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace asamblea::domain;

TEST_CASE("loopback names and the parts of a Host header") {
    for (const char* h : {"localhost", "localhost:8080", "LOCALHOST:80", "app.localhost:8080",
                          "127.0.0.1", "127.1.2.3:8080", "[::1]:8080", "::1", "0.0.0.0:8080", ""})
        CHECK_MESSAGE(is_loopback_host(h), std::string(h));
    for (const char* h : {"192.168.1.20:8080", "10.0.0.5", "asamblea.example.mx", "[fe80::1]:80",
                          "tableta.local:8080", "localhost.example.mx"})
        CHECK_MESSAGE(!is_loopback_host(h), std::string(h));
    CHECK(host_without_port("[::1]:8080") == "::1");
    CHECK(host_without_port("a.b:80") == "a.b");
    CHECK(host_without_port("a.b") == "a.b");
    CHECK(port_of("a.b:8080") == ":8080");
    CHECK(port_of("[fe80::1]:80") == ":80");
    CHECK(port_of("[fe80::1]").empty());
    CHECK(port_of("a.b").empty());
    CHECK(port_of("::1").empty());
    CHECK(host_without_port("fe80::1") == "fe80::1");
}

TEST_CASE("the configured public URL wins, then a reachable Host, then the LAN address") {
    const std::vector<std::string> lan{"127.0.0.1", "192.168.1.20"};

    auto configured = choose_link_origin("https://asamblea.example.mx/", "localhost:8080", lan);
    CHECK(configured.origin == "https://asamblea.example.mx");
    CHECK(configured.source == origin_source::configured);
    CHECK(!configured.unreachable());

    auto request = choose_link_origin("", "192.168.1.20:8080", lan);
    CHECK(request.origin == "http://192.168.1.20:8080");
    CHECK(request.source == origin_source::request);

    // The tablet opened localhost: phones get the LAN address with the same port.
    auto from_lan = choose_link_origin("", "localhost:8080", lan);
    CHECK(from_lan.origin == "http://192.168.1.20:8080");
    CHECK(from_lan.source == origin_source::lan);
    CHECK(choose_link_origin("", "127.0.0.1", lan).origin == "http://192.168.1.20");
    CHECK(choose_link_origin("", "[::1]:8080", {"fe80::1"}).origin == "http://[fe80::1]:8080");

    // No LAN address (or only loopback ones): the page must warn.
    auto alone = choose_link_origin("", "localhost:8080", {"127.0.0.1"});
    CHECK(alone.origin == "http://localhost:8080");
    CHECK(alone.source == origin_source::loopback);
    CHECK(alone.unreachable());
    CHECK(choose_link_origin("", "", {}).origin.empty());
    CHECK(to_string(origin_source::lan) == "lan");
    CHECK(to_string(origin_source::loopback) == "loopback");
}

TEST_CASE("a server speaking TLS builds https links, unless the public URL says otherwise") {
    const std::vector<std::string> lan{"192.168.1.20"};
    CHECK(choose_link_origin("", "asamblea.local:8443", lan, "https").origin ==
          "https://asamblea.local:8443");
    CHECK(choose_link_origin("", "localhost:8443", lan, "https").origin ==
          "https://192.168.1.20:8443");
    CHECK(choose_link_origin("", "localhost:8443", {}, "https").origin == "https://localhost:8443");
    CHECK(choose_link_origin("http://asamblea.example.mx", "localhost:8443", lan, "https").origin ==
          "http://asamblea.example.mx");
}
