#include "server/http/router.hpp"

namespace asamblea::server {
namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        if (slash == std::string::npos)
            slash = path.size();
        out.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return out;
}

} // namespace

void router::add(std::string method, std::string pattern, handler h, route_pool pool) {
    auto segments = split_path(pattern);
    routes_.push_back(
        {std::move(method), std::move(pattern), std::move(segments), std::move(h), pool});
}

router::match router::find(const std::string& method, const std::string& path) const {
    match m;
    auto segments = split_path(path);
    for (const auto& r : routes_) {
        if (r.segments.size() != segments.size())
            continue;
        std::map<std::string, std::string> params;
        bool ok = true;
        for (std::size_t i = 0; i < segments.size() && ok; ++i) {
            const auto& p = r.segments[i];
            if (p.size() > 2 && p.front() == '{' && p.back() == '}')
                ok = !segments[i].empty() &&
                     params.emplace(p.substr(1, p.size() - 2), segments[i]).second;
            else
                ok = p == segments[i];
        }
        if (!ok)
            continue;
        m.path_known = true;
        if (r.method != method)
            continue;
        m.h = &r.h;
        m.name = r.method + " " + r.pattern;
        m.params = std::move(params);
        m.pool = r.pool;
        return m;
    }
    return m;
}

std::vector<std::string> router::names() const {
    std::vector<std::string> out;
    out.reserve(routes_.size());
    for (const auto& r : routes_)
        out.push_back(r.method + " " + r.pattern);
    return out;
}

} // namespace asamblea::server
