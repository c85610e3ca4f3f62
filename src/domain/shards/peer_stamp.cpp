#include "domain/shards/peer_stamp.hpp"

#include <charconv>

namespace asamblea::domain {
namespace {

bool is_lower_hex(std::string_view text) {
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

// The next space-separated word of `rest`, consuming it.
std::string_view next_word(std::string_view& rest) {
    auto end = rest.find(' ');
    auto word = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    return word;
}

} // namespace

std::optional<peer_stamp> parse_peer_stamp(std::string_view header) {
    if (header.size() > 160)
        return std::nullopt;
    std::string_view rest = header;
    if (next_word(rest) != "v1")
        return std::nullopt;
    peer_stamp stamp;
    auto shard = next_word(rest);
    auto at = next_word(rest);
    auto mac = next_word(rest);
    if (shard.empty() || shard.size() > 32 || !rest.empty() || mac.size() != 64 ||
        !is_lower_hex(mac))
        return std::nullopt;
    auto [end, ec] = std::from_chars(at.data(), at.data() + at.size(), stamp.at);
    if (ec != std::errc{} || end != at.data() + at.size() || at.empty() || stamp.at < 0)
        return std::nullopt;
    stamp.shard = std::string(shard);
    stamp.mac_hex = std::string(mac);
    return stamp;
}

std::string format_peer_stamp(const peer_stamp& stamp) {
    return "v1 " + stamp.shard + " " + std::to_string(stamp.at) + " " + stamp.mac_hex;
}

std::string peer_signing_text(std::string_view shard, std::int64_t at, std::string_view method,
                              std::string_view target, std::string_view body_sha256_hex) {
    std::string text = "asamblea-fleet v1\n";
    text.append(shard).append("\n").append(std::to_string(at)).append("\n");
    text.append(method).append("\n").append(target).append("\n").append(body_sha256_hex);
    return text;
}

bool peer_stamp_fresh(std::int64_t at, std::int64_t now) {
    auto window = peer_stamp_window.count();
    return at >= now - window && at <= now + window;
}

} // namespace asamblea::domain
