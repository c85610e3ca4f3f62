#pragma once
/// The machine's addresses that other devices on its networks can reach: what phones use when
/// no public URL is configured and the moderator's tablet opened the server as "localhost".

#include <string>
#include <vector>

namespace asamblea::server {

/// The IPv4 addresses of the interfaces that are up, loopback excluded, in the system's order
/// (IPv6 link-local addresses need a zone a phone's browser cannot take, so none are listed).
std::vector<std::string> lan_addresses();

} // namespace asamblea::server
