#pragma once
/// The states a CLUES names and the words an aggregated national answer uses for the shards that
/// did not answer: a CLUES starts with its state's two-letter code (CS Chiapas, TC Tabasco, …),
/// so a shard map's owner (`CS*`, `CSIMB*`, a whole CLUES) says whose data a down shard holds.

#include "domain/shards/shard_map.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asamblea::domain {

/// The state of a two-letter CLUES state code (upper case), nullopt for an unknown code.
std::optional<std::string_view> clues_state_name(std::string_view code);

/// The states whose clinics a shard holds, in the order of its owners, once each: the state
/// of each prefix and each whole CLUES (a prefix of one letter, or an unknown code, is named
/// as the prefix itself, e.g. «CLUES C*»; an unknown CLUES by itself).
std::vector<std::string> shard_states(const shard& s);

/// A shard that did not answer an aggregated read, and the states it holds.
struct missing_shard {
    std::string shard;
    std::vector<std::string> states;
    bool operator==(const missing_shard&) const = default;
};

/// The missing shards named in `shards`, each with its states (a name the map does not know
/// keeps an empty list).
std::vector<missing_shard> missing_shards(const shard_map& map,
                                          const std::vector<std::string>& shards);

/// The Spanish sentence a page shows: «Faltan datos de Chiapas y Tabasco: su servidor no
/// responde. Los totales no los incluyen.» (states of every missing shard, once each, joined
/// with commas and «y»); empty when nothing is missing.
std::string missing_sentence(const std::vector<missing_shard>& missing);

} // namespace asamblea::domain
