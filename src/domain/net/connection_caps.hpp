#pragma once
/// How many connections the server holds, in all and per client address, and how long accepting
/// pauses when the process runs out of descriptors. Pure rules, unit-tested alone.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace asamblea::domain {

/// Connections one client address may hold at once by default. A clinic's Wi-Fi puts 150–250
/// phones (and the projector and the tablets) behind one address, and carrier NAT puts more
/// behind one of its addresses: a large assembly must fit with room to spare.
inline constexpr std::size_t default_max_connections_per_address = 2000;

/// Descriptors kept back from connections for everything else the server opens: the database and
/// its read connections, evidence files being uploaded, busy answers being written, the reactor.
/// 64 plus 1/64 of the limit, at most 1,000.
std::uint64_t reserved_descriptors(std::uint64_t descriptor_limit);

/// The default cap on connections held at once: the descriptor limit less the reserve (at least
/// 1, so a tiny limit still serves one client at a time).
std::size_t default_max_connections(std::uint64_t descriptor_limit);

/// Whether one more connection from an address fits.
enum class admission {
    admitted,
    server_full,  // the server holds max_connections already
    address_full, // this address holds max_connections_per_address already
};

/// `open_total` connections held in all, `open_from_address` of them from the newcomer's address.
admission admit_connection(std::size_t open_total, std::size_t open_from_address,
                           std::size_t max_total, std::size_t max_per_address);

/// The pause before accepting again after the `failures`-th accept in a row failed for lack of
/// descriptors: 50 ms, doubling, at most 500 ms. Connections wait in the kernel's backlog
/// meanwhile instead of the accept loop spinning on the same error.
std::chrono::milliseconds accept_backoff(unsigned failures);

} // namespace asamblea::domain
