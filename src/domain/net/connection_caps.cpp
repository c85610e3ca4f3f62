#include "domain/net/connection_caps.hpp"

#include <algorithm>

namespace asamblea::domain {

std::uint64_t reserved_descriptors(std::uint64_t descriptor_limit) {
    return std::min<std::uint64_t>(64 + descriptor_limit / 64, 1000);
}

std::size_t default_max_connections(std::uint64_t descriptor_limit) {
    const auto reserve = reserved_descriptors(descriptor_limit);
    if (descriptor_limit <= reserve)
        return 1;
    return static_cast<std::size_t>(descriptor_limit - reserve);
}

admission admit_connection(std::size_t open_total, std::size_t open_from_address,
                           std::size_t max_total, std::size_t max_per_address) {
    if (open_total >= max_total)
        return admission::server_full;
    if (open_from_address >= max_per_address)
        return admission::address_full;
    return admission::admitted;
}

std::chrono::milliseconds accept_backoff(unsigned failures) {
    constexpr std::chrono::milliseconds first{50};
    constexpr std::chrono::milliseconds longest{500};
    if (failures <= 1)
        return first;
    // 50, 100, 200, 400, then 500 for good (the shift is bounded before it could overflow).
    const unsigned doublings = std::min(failures - 1, 4U);
    return std::min(first * (1 << doublings), longest);
}

} // namespace asamblea::domain
