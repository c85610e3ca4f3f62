#include "domain/net/trusted_proxy.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <optional>

namespace asamblea::domain {
namespace {

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// inet_pton is a pure conversion (no I/O); IPv4 becomes ::ffff:a.b.c.d.
std::optional<std::array<std::uint8_t, 16>> proxy_address_bytes(std::string_view text) {
    std::string s(text);
    if (auto zone = s.find('%'); zone != std::string::npos)
        s.resize(zone);
    std::array<std::uint8_t, 16> out{};
    if (::inet_pton(AF_INET6, s.c_str(), out.data()) == 1)
        return out;
    std::array<std::uint8_t, 4> v4{};
    if (::inet_pton(AF_INET, s.c_str(), v4.data()) != 1)
        return std::nullopt;
    out[10] = out[11] = 0xff;
    for (int i = 0; i < 4; ++i)
        out[12 + i] = v4[i];
    return out;
}

bool in_block(const std::array<std::uint8_t, 16>& a, const address_block& b) {
    for (int bit = 0; bit < b.prefix; ++bit) {
        int byte = bit / 8;
        int mask = 0x80 >> (bit % 8);
        if ((a[byte] & mask) != (b.bytes[byte] & mask))
            return false;
    }
    return true;
}

} // namespace

result<std::vector<address_block>> parse_trusted_proxies(std::string_view text) {
    std::vector<address_block> out;
    while (true) {
        auto comma = text.find(',');
        auto item = trim_spaces(text.substr(0, comma));
        auto slash = item.find('/');
        auto bytes = proxy_address_bytes(item.substr(0, slash));
        bool v4 = item.substr(0, slash).find(':') == std::string_view::npos;
        address_block block;
        bool ok = bytes.has_value();
        if (ok) {
            block.bytes = *bytes;
            if (slash != std::string_view::npos) {
                auto bits_text = item.substr(slash + 1);
                int bits = -1;
                auto [end, ec] =
                    std::from_chars(bits_text.data(), bits_text.data() + bits_text.size(), bits);
                ok = ec == std::errc{} && end == bits_text.data() + bits_text.size() && bits >= 0 &&
                     bits <= (v4 ? 32 : 128);
                block.prefix = v4 ? bits + 96 : bits;
            }
        }
        if (!ok)
            return fail(error_kind::invalid, "bad_trusted_proxy",
                        "«" + std::string(item) +
                            "» no es una dirección ni un bloque CIDR (not an address or CIDR).",
                        "trusted-proxy");
        out.push_back(block);
        if (comma == std::string_view::npos)
            break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

bool is_trusted_proxy(std::string_view peer, const std::vector<address_block>& trusted) {
    auto bytes = proxy_address_bytes(peer);
    if (!bytes)
        return false;
    for (const auto& b : trusted)
        if (in_block(*bytes, b))
            return true;
    return false;
}

std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<address_block>& trusted) {
    if (trusted.empty() || forwarded_for.empty() || !is_trusted_proxy(peer, trusted))
        return peer;
    // The last hop is the one the trusted proxy added; earlier ones the client may have forged.
    auto comma = forwarded_for.rfind(',');
    auto last = trim_spaces(comma == std::string_view::npos ? forwarded_for
                                                            : forwarded_for.substr(comma + 1));
    if (!proxy_address_bytes(last))
        return peer;
    return std::string(last);
}

} // namespace asamblea::domain
