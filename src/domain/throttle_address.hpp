#pragma once
/// The address a throttle counts a client under: an IPv4 address as it is (also when mapped into
/// IPv6), an IPv6 address by its /64 network, the smallest block one subscriber usually gets,
/// so that walking through a /64 does not multiply a guesser's budget.

#include <string>
#include <string_view>

namespace asamblea::domain {

/// "203.0.113.7" → itself; "::ffff:203.0.113.7" → "203.0.113.7";
/// "2001:DB8:0:7::1" → "2001:db8:0:7::/64". Text that is neither is returned unchanged.
std::string throttle_address(std::string_view address);

} // namespace asamblea::domain
