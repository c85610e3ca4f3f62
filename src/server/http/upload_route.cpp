#include "server/http/upload_route.hpp"

#include "server/http/http_types.hpp"

namespace asamblea::server {

std::optional<std::string> upload_route_clues(std::string_view method, std::string_view target) {
    constexpr std::string_view prefix = "/api/c/";
    constexpr std::string_view suffix = "/files";
    if (method != "POST")
        return std::nullopt;
    std::string path;
    if (!url_decode(target.substr(0, target.find('?')), path, false))
        return std::nullopt;
    if (!path.starts_with(prefix) || !path.ends_with(suffix) ||
        path.size() <= prefix.size() + suffix.size())
        return std::nullopt;
    auto clues = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
    if (clues.find('/') != std::string::npos)
        return std::nullopt;
    return clues;
}

} // namespace asamblea::server
