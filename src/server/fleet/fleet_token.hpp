#pragma once
/// Issuing and checking fleet tokens (domain/shards/fleet_token for the text rules) with the
/// fleet key: any shard of the map checks a token without asking the account's home.

#include "domain/error.hpp"
#include "domain/shards/fleet_token.hpp"
#include "domain/staff.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace asamblea::server {

class fleet;

struct issued_fleet_token {
    std::string token;
    domain::fleet_claims claims;
};

/// A token for the principal, whose home is this shard, valid for `ttl` from now.
issued_fleet_token issue_fleet_token(const fleet& f, const domain::principal& who,
                                     std::chrono::seconds ttl);

/// The claims of a token signed with this fleet's key and live at `now` (unix seconds);
/// unauthorized bad_token for anything else (altered, forged, expired, another format).
domain::result<domain::fleet_claims> check_fleet_token(const fleet& f, std::string_view token,
                                                       std::int64_t now);

std::int64_t fleet_unix_now();

} // namespace asamblea::server
