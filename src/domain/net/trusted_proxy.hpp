#pragma once
/// The client's address behind a proxy (`serve --trusted-proxy`): only when the connection comes
/// from a trusted proxy is the last address of its X-Forwarded-For the client's (HAProxy's
/// `option forwardfor` appends the address it saw); from anyone else the header is ignored, so a
/// client cannot choose the address its guessing budget is counted on. Connection caps stay on
/// the peer address (the proxy's), which is not this.

#include "domain/error.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

/// An address block: IPv4 addresses are kept IPv4-mapped, so one form covers both.
struct address_block {
    std::array<std::uint8_t, 16> bytes{};
    int prefix = 128; // bits that must match
};

/// "10.0.0.1,10.0.1.0/24,::1,fd00::/8": addresses or CIDRs, comma-separated; invalid on the
/// first that is neither.
result<std::vector<address_block>> parse_trusted_proxies(std::string_view text);

/// Whether a peer address (as the socket gives it, IPv4, IPv6 or IPv4-mapped) is in a block.
bool is_trusted_proxy(std::string_view peer, const std::vector<address_block>& trusted);

/// The address the throttles and logs count: the last valid address of X-Forwarded-For when the
/// peer is a trusted proxy, else the peer.
std::string client_address(const std::string& peer, std::string_view forwarded_for,
                           const std::vector<address_block>& trusted);

} // namespace asamblea::domain
