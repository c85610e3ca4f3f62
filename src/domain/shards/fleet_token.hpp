#pragma once
/// The staff token of a fleet (docs/architecture.md «One login for the fleet»):
/// `f1.<base64url payload>.<64 hex digits>`, the MAC (store/crypto, fleet key) over
/// fleet_token_signing_text(payload). Any shard of the map checks it without asking the shard
/// that holds the account (its home). Pure text rules here: layout, claims, expiry.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

/// What a fleet token says. The role is kept as text ("coordinator", …) so this file does not
/// decide which roles exist; the server parses it.
struct fleet_claims {
    std::string username;
    std::string home; // the shard whose database holds the account
    std::string role;
    std::vector<std::string> clinics;
    std::int64_t issued_at = 0;  // unix seconds, UTC
    std::int64_t expires_at = 0; // unix seconds, UTC
    std::string id;              // random (jti): tells two tokens of one login apart
};

/// The three parts of a token; nullopt when the text is not `f1.<payload>.<mac>`.
struct fleet_token_parts {
    std::string payload; // base64url, as sent
    std::string mac_hex;
};

/// Longest token issued or accepted: it fits the request header block (16 KiB), HAProxy's
/// buffer and a WebSocket hello (ws_hello.json), and holds about 490 clinics of a scoped account;
/// a login whose token would be longer is refused (use a national coordinator).
inline constexpr std::size_t fleet_token_max = 8192;

/// Whether the text has the fleet token's prefix (other tokens are opaque local ones).
bool looks_like_fleet_token(std::string_view token);
std::optional<fleet_token_parts> split_fleet_token(std::string_view token);
std::string join_fleet_token(std::string_view payload, std::string_view mac_hex);

/// Domain-separated from the peer stamp's text: a MAC of one is never valid as the other.
std::string fleet_token_signing_text(std::string_view payload);

/// One field a line: version, username, home, role, clinics (comma-separated), issued,
/// expires, id; then base64url without padding.
std::string encode_fleet_claims(const fleet_claims& c);
/// nullopt for anything but what encode_fleet_claims makes (bad base64, missing or extra
/// lines, non-numeric times, issued after expiry).
std::optional<fleet_claims> decode_fleet_claims(std::string_view payload);

/// Live when issued no later than `now` + the allowed skew and not yet expired at `now`.
bool fleet_claims_live(const fleet_claims& c, std::int64_t now);
/// How far ahead of the checking shard's clock a token's issue time may be (clock skew).
inline constexpr std::int64_t fleet_token_skew_seconds = 30;

std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

} // namespace asamblea::domain
