#pragma once
/// The shard map (`shards.conf`, docs/architecture.md «Shards»): which `asamblea serve` process
/// owns which clinics, so that a clinic has exactly one home and HAProxy can route by it.
///
/// One shard per line (a name may repeat to add owners on more lines, with the same address):
///
///     # name   host:port        owners: CLUES prefixes ending in * and/or whole CLUES
///     sur      10.0.0.11:8080   CS* OC* GR*
///     centro   10.0.0.12:8080   DF* MC* HGIMB000123
///
/// Two owners that could both match one clinic (the same CLUES twice, a prefix of another
/// prefix, a CLUES under another shard's prefix) are an error, with both lines.

#include "domain/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

/// One shard: its name (also the HAProxy backend's), where it listens, what it owns.
struct shard {
    std::string name;
    std::string address;               // host:port, as HAProxy reaches it
    std::vector<std::string> prefixes; // upper-case, without the *
    std::vector<std::string> clues;    // whole, normalized CLUES
    std::size_t line = 0;              // where it first appears
};

/// One rejected line of the map (or, for check_owners, of the clinics) and why, in Spanish.
struct shard_problem {
    std::size_t line = 0;
    std::string reason;
};

class shard_map {
public:
    /// Longest prefix the map accepts ("CS" names a state, "CSIMB" a state's institution).
    static constexpr std::size_t max_prefix = 10;
    /// Longest shard name (it becomes an HAProxy backend name).
    static constexpr std::size_t max_name = 32;

    /// Reads the whole map; when problems is non-empty the map must not be used.
    struct parsed;
    static parsed parse(std::string_view text);

    const std::vector<shard>& shards() const { return shards_; }
    const shard* find(std::string_view name) const;
    /// The shard that owns a normalized CLUES, nullptr when none does.
    const shard* owner(std::string_view clues) const;

    /// Whether `self` serves the clinic: ok when it owns it, else misdirected ("wrong_shard",
    /// field: the owner's name) or not_found when no shard owns it.
    status check_here(std::string_view clues, std::string_view self) const;

private:
    std::vector<shard> shards_;
};

struct shard_map::parsed {
    shard_map map;
    std::vector<shard_problem> problems;
    bool ok() const { return problems.empty(); }
};

/// Clinics (normalized CLUES, in the order of their file) that no shard owns, as problems; the
/// line is the clinic's position in the list plus `first_line`.
std::vector<shard_problem> check_owners(const shard_map& map, const std::vector<std::string>& clues,
                                        std::size_t first_line);

} // namespace asamblea::domain
