#include "server/ws/snapshot_filter.hpp"

#include <charconv>

namespace asamblea::server {

std::optional<std::uint64_t> snapshot_version(std::string_view message) {
    constexpr std::string_view prefix = R"({"type":"snapshot","version":)";
    if (!message.starts_with(prefix))
        return std::nullopt;
    message.remove_prefix(prefix.size());
    std::uint64_t version = 0;
    auto [end, ec] = std::from_chars(message.data(), message.data() + message.size(), version);
    if (ec != std::errc{} || end == message.data() || end == message.data() + message.size() ||
        (*end != ',' && *end != '}'))
        return std::nullopt;
    return version;
}

bool snapshot_filter::admit(std::string_view message) {
    auto version = snapshot_version(message);
    if (!version)
        return true;
    if (*version <= last_)
        return false;
    last_ = *version;
    return true;
}

} // namespace asamblea::server
