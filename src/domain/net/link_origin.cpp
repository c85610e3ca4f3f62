#include "domain/net/link_origin.hpp"

namespace asamblea::domain {

std::string_view to_string(origin_source s) {
    switch (s) {
    case origin_source::configured:
        return "configured";
    case origin_source::request:
        return "request";
    case origin_source::lan:
        return "lan";
    case origin_source::loopback:
        break;
    }
    return "loopback";
}

std::string_view host_without_port(std::string_view host) {
    if (host.starts_with('[')) { // an IPv6 literal: [::1]:8080
        auto close = host.find(']');
        return close == std::string_view::npos ? host.substr(1) : host.substr(1, close - 1);
    }
    auto colon = host.rfind(':');
    if (colon == std::string_view::npos || host.find(':') != colon)
        return host; // no port, or a bare IPv6 address ("::1"), which has no port either
    return host.substr(0, colon);
}

std::string_view port_of(std::string_view host) {
    auto close = host.starts_with('[') ? host.find(']') : 0;
    if (close == std::string_view::npos)
        return {};
    auto colon = host.find(':', close);
    if (colon == std::string_view::npos || (close == 0 && host.rfind(':') != colon))
        return {}; // no port, or a bare IPv6 address
    return host.substr(colon);
}

bool is_loopback_host(std::string_view host) {
    auto name = host_without_port(host);
    auto lower = [](std::string_view s) {
        std::string out(s);
        for (auto& c : out)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        return out;
    };
    auto n = lower(name);
    return n.empty() || n == "localhost" || n.ends_with(".localhost") || n.starts_with("127.") ||
           n == "::1" || n == "0.0.0.0" || n == "::";
}

link_origin choose_link_origin(std::string_view configured, std::string_view request_host,
                               const std::vector<std::string>& lan_addresses,
                               std::string_view scheme) {
    while (configured.ends_with('/'))
        configured.remove_suffix(1);
    if (!configured.empty())
        return {std::string(configured), origin_source::configured};
    const std::string prefix = std::string(scheme) + "://";
    if (!is_loopback_host(request_host))
        return {prefix + std::string(request_host), origin_source::request};
    for (const auto& a : lan_addresses)
        if (!is_loopback_host(a)) {
            bool v6 = a.find(':') != std::string::npos;
            return {prefix + (v6 ? "[" + a + "]" : a) + std::string(port_of(request_host)),
                    origin_source::lan};
        }
    if (request_host.empty())
        return {"", origin_source::loopback};
    return {prefix + std::string(request_host), origin_source::loopback};
}

} // namespace asamblea::domain
