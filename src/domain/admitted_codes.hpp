#pragma once
/// The voter codes that got in, by an 8-byte hash of (address, clinic, code key), each remembered
/// a fixed time after its last use, at most `max_keys` of them. There is one per phone that got
/// in, so each costs one slot of an open-addressing table (about 20 bytes) instead of a list
/// node and a map node (about 130 bytes with malloc's headers, heaptrack, issue 19): when the
/// table is full the expired entries go first, then the least recently used quarter.

#include <boost/unordered/unordered_flat_map.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace asamblea::domain {

class admitted_codes {
public:
    using clock = std::chrono::steady_clock;

    admitted_codes(std::size_t max_keys, clock::duration remember)
        : max_keys_(max_keys == 0 ? 1 : max_keys), remember_(remember) {}

    /// Whether `key` was touched within `remember` of `now`.
    bool contains(std::uint64_t key, clock::time_point now) const;
    /// Remembers `key` as used now, making room first when the table is full.
    void touch(std::uint64_t key, clock::time_point now);
    /// Entries held, live or not yet swept.
    std::size_t size() const { return last_used_.size(); }

private:
    void make_room(clock::time_point now);

    std::size_t max_keys_;
    clock::duration remember_;
    boost::unordered_flat_map<std::uint64_t, clock::time_point> last_used_;
};

} // namespace asamblea::domain
