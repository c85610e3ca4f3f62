#pragma once
/// Which origin ("http://host:port", https with TLS) goes into the links and QR codes that phones
/// open. A phone cannot reach "localhost": that is itself. So a request that came to a loopback
/// name (the moderator's tablet is the server, or an operator tried it on the server) must not
/// decide the links; the machine's LAN address does, and when there is none, the page says so.

#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

/// Where the chosen origin came from.
enum class origin_source {
    configured, // --public-url
    request,    // the Host the request came to, which is not a loopback name
    lan,        // the machine's LAN address, because the request came to a loopback name
    loopback,   // only a loopback origin is known: phones on the network cannot open it
};

std::string_view to_string(origin_source s);

struct link_origin {
    std::string origin; // "http://host:port" (or https), or empty when nothing is known
    origin_source source = origin_source::loopback;

    /// True when phones on the network cannot open links from this origin.
    bool unreachable() const { return source == origin_source::loopback; }
};

/// The host of a Host header value without its port: "[::1]:8080" → "::1", "a.b:80" → "a.b".
std::string_view host_without_port(std::string_view host);
/// The port of a Host header value, with its colon (":8080"), or empty.
std::string_view port_of(std::string_view host);

/// localhost (and *.localhost), 127.0.0.0/8, ::1, 0.0.0.0 and an empty host.
bool is_loopback_host(std::string_view host);

/// `configured` (the public URL, trailing slashes dropped) when set; else the request's Host when
/// it is not a loopback name; else the first LAN address that is not loopback, with the Host's
/// port; else the request's own loopback origin, marked unreachable. An origin built from a host
/// takes `scheme` ("https" when the server itself speaks TLS).
link_origin choose_link_origin(std::string_view configured, std::string_view request_host,
                               const std::vector<std::string>& lan_addresses,
                               std::string_view scheme = "http");

} // namespace asamblea::domain
