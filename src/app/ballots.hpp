#pragma once
/// A voter's ballot: the keyed tag that stands for the person in a round, and the command that
/// counts the ballot, acknowledged only after its commit.

#include "app/command.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asamblea::store {
class ballot_keys;
}

namespace asamblea::app {

/// The keyed tag that stands for a person in one round: the same for every credential the
/// person holds, so one person has one counted ballot; computed with the assembly's ballot key,
/// which is destroyed at the close. `create` makes the key when the assembly has none yet (only
/// while a round is open); without a key there is no tag.
std::optional<std::string> voter_tag(store::ballot_keys& keys, std::int64_t assembly_id,
                                     std::int64_t attendee_id, std::int64_t round_id, bool create);

/// The ballot of the person behind `voter_tag`, with the credential it came from (refused at the
/// write when that credential was revoked meanwhile). `receipt` is used if the ballot is new.
command<prepared_ballot> cast_ballot(std::string voter_tag, std::int64_t credential_id,
                                     std::int64_t round_id, std::string ballot_uid,
                                     std::vector<std::string> choices, std::string receipt);

} // namespace asamblea::app
