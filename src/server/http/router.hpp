#pragma once
/// Maps a method and a path pattern such as /api/c/{clues} to a handler.

#include "server/http/http_types.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::server {

class router {
public:
    using handler = std::function<response(const request&)>;

    /// Registers a route; `name` labels it in metrics (the pattern itself is a fine name).
    void add(std::string method, std::string pattern, handler h);

    struct match {
        const handler* h = nullptr;
        std::string name;
        std::map<std::string, std::string> params;
        bool path_known = false; // some route has this path, maybe with another method
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
    };
    std::vector<route> routes_;
};

} // namespace asamblea::server
