#pragma once
/// Transport-neutral request and response, so handlers never see Beast types.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace asamblea::server {

struct request {
    std::string method;
    std::string path;                          // decoded path, without the query
    std::string query;                         // raw query string, without '?'
    std::map<std::string, std::string> params; // from {name} segments of the route
    std::string body;
    std::string authorization;
    std::string accept;
    std::string if_none_match;
    std::string accept_encoding;
    std::string fleet_stamp; // X-Asamblea-Fleet: a peer shard's stamp (server/fleet/fleet)
    std::string remote; // client address
    std::string host;   // the Host header, checked to be a plain host[:port]
    std::string route;  // the matched route's name, for metrics

    /// The decoded value of a query parameter, or `fallback` when absent.
    std::string query_param(std::string_view name, std::string fallback = {}) const;
    /// The bearer token from the Authorization header, or empty.
    std::string bearer() const;
};

struct response {
    unsigned status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

/// Percent-decodes a URL component ('+' as space when `form`); false if malformed.
bool url_decode(std::string_view in, std::string& out, bool form);

} // namespace asamblea::server
