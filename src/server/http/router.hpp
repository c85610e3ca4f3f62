#pragma once
/// Maps a method and a path pattern such as /api/c/{clues} to a handler.

#include "server/http/http_types.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::server {

/// Where a route's handler runs: the REST workers, or the pool that hashes passwords.
enum class route_pool { workers, passwords };

class router {
public:
    using handler = std::function<response(const request&)>;

    /// Registers a route; `name` labels it in metrics (the pattern itself is a fine name).
    void add(std::string method, std::string pattern, handler h,
             route_pool pool = route_pool::workers);

    struct match {
        const handler* h = nullptr;
        std::string name;
        std::map<std::string, std::string> params;
        bool path_known = false; // some route has this path, maybe with another method
        route_pool pool = route_pool::workers;
    };
    match find(const std::string& method, const std::string& path) const;

    /// Every registered route as "METHOD /pattern", in the order added (for the authorization
    /// matrix test, which needs a row for each).
    std::vector<std::string> names() const;

private:
    struct route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        handler h;
        route_pool pool = route_pool::workers;
    };
    std::vector<route> routes_;
};

} // namespace asamblea::server
