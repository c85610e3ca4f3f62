#include "domain/shards/fleet_token.hpp"

#include <charconv>

namespace asamblea::domain {
namespace {

constexpr std::string_view b64url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view fleet_token_prefix = "f1.";

int b64url_value(char c) {
    auto at = b64url_alphabet.find(c);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

std::optional<std::int64_t> token_number(std::string_view s) {
    std::int64_t v = 0;
    if (s.empty() || s.size() > 18)
        return std::nullopt;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < 0)
        return std::nullopt;
    return v;
}

// A field may not hold the separators the payload uses.
bool token_field_ok(std::string_view s) {
    return s.find('\n') == std::string_view::npos && s.find(',') == std::string_view::npos;
}

bool is_hex64(std::string_view s) {
    if (s.size() != 64)
        return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

} // namespace

std::string base64url_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        acc = (acc << 8) | b;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += b64url_alphabet[(acc >> bits) & 63u];
        }
    }
    if (bits > 0)
        out += b64url_alphabet[(acc << (6 - bits)) & 63u];
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        int v = b64url_value(c);
        if (v < 0)
            return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xffu);
        }
    }
    // Leftover bits must be zero, so one payload has exactly one spelling.
    if ((acc & ((1u << bits) - 1u)) != 0)
        return std::nullopt;
    return out;
}

bool looks_like_fleet_token(std::string_view token) {
    return token.substr(0, fleet_token_prefix.size()) == fleet_token_prefix;
}

std::optional<fleet_token_parts> split_fleet_token(std::string_view token) {
    if (token.size() > fleet_token_max || !looks_like_fleet_token(token))
        return std::nullopt;
    auto rest = token.substr(fleet_token_prefix.size());
    auto dot = rest.find('.');
    if (dot == std::string_view::npos || dot == 0)
        return std::nullopt;
    auto mac = rest.substr(dot + 1);
    if (!is_hex64(mac))
        return std::nullopt;
    return fleet_token_parts{std::string(rest.substr(0, dot)), std::string(mac)};
}

std::string join_fleet_token(std::string_view payload, std::string_view mac_hex) {
    return std::string(fleet_token_prefix) + std::string(payload) + "." + std::string(mac_hex);
}

std::string fleet_token_signing_text(std::string_view payload) {
    return "asamblea-token v1\n" + std::string(payload);
}

std::string encode_fleet_claims(const fleet_claims& c) {
    std::string clinics;
    for (const auto& clues : c.clinics)
        clinics += (clinics.empty() ? "" : ",") + clues;
    std::string text = "v1\n" + c.username + "\n" + c.home + "\n" + c.role + "\n" + clinics + "\n" +
                       std::to_string(c.issued_at) + "\n" + std::to_string(c.expires_at) + "\n" +
                       c.id;
    return base64url_encode(text);
}

std::optional<fleet_claims> decode_fleet_claims(std::string_view payload) {
    auto text = base64url_decode(payload);
    if (!text)
        return std::nullopt;
    std::vector<std::string_view> lines;
    std::string_view rest = *text;
    while (true) {
        auto nl = rest.find('\n');
        lines.push_back(rest.substr(0, nl));
        if (nl == std::string_view::npos)
            break;
        rest.remove_prefix(nl + 1);
    }
    if (lines.size() != 8 || lines[0] != "v1")
        return std::nullopt;
    fleet_claims c;
    c.username = lines[1];
    c.home = lines[2];
    c.role = lines[3];
    std::string_view clinics = lines[4];
    while (!clinics.empty()) {
        auto comma = clinics.find(',');
        auto one = clinics.substr(0, comma);
        if (one.empty())
            return std::nullopt;
        c.clinics.emplace_back(one);
        if (comma == std::string_view::npos)
            break;
        clinics.remove_prefix(comma + 1);
        if (clinics.empty())
            return std::nullopt; // a trailing comma
    }
    auto issued = token_number(lines[5]);
    auto expires = token_number(lines[6]);
    c.id = lines[7];
    if (!issued || !expires || *issued > *expires || c.username.empty() || c.home.empty() ||
        c.role.empty() || c.id.empty() || !token_field_ok(c.id))
        return std::nullopt;
    c.issued_at = *issued;
    c.expires_at = *expires;
    return c;
}

bool fleet_claims_live(const fleet_claims& c, std::int64_t now) {
    return c.issued_at <= now + fleet_token_skew_seconds && now < c.expires_at;
}

} // namespace asamblea::domain
