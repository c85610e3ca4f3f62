#pragma once
/// The stamp one shard puts on a request to another (header `X-Asamblea-Fleet`): which shard
/// sends it, when, and a MAC over what it asks, keyed with the fleet key every shard of a map
/// shares (docs/architecture.md «Shards»). Pure text rules here; the MAC itself is
/// store/crypto's.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace asamblea::domain {

/// `v1 <shard> <unix seconds> <64 hex digits>`.
struct peer_stamp {
    std::string shard;
    std::int64_t at = 0; // seconds since the epoch, UTC
    std::string mac_hex;
};

/// How far a stamp's time may be from the receiver's clock, either way. A replay inside this
/// window repeats the same request from the same shard; peer routes are reads or idempotent.
inline constexpr std::chrono::seconds peer_stamp_window{30};

std::optional<peer_stamp> parse_peer_stamp(std::string_view header);
std::string format_peer_stamp(const peer_stamp& stamp);

/// What the MAC covers: the version, sender, time, method, target (path and query exactly as
/// sent) and the body's sha256 in hex, one per line.
std::string peer_signing_text(std::string_view shard, std::int64_t at, std::string_view method,
                              std::string_view target, std::string_view body_sha256_hex);

/// True when `at` is within peer_stamp_window of `now` (both in seconds since the epoch).
bool peer_stamp_fresh(std::int64_t at, std::int64_t now);

} // namespace asamblea::domain
