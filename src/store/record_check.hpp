#pragma once
/// `asamblea verify`'s second half: every round and ballot row of a clinic held against what the
/// clinic's chain says, and every closed round recounted from the chain alone. Rounds created
/// before schema 8 (their events are in the old global chain) are recounted from their tables, as
/// before, and reported as such.

#include "store/chain_replay.hpp"

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

namespace asamblea::store {

struct record_report {
    int rounds_from_chain = 0;         // rounds checked against the chain and recounted from it
    int legacy_rounds = 0;             // rounds from before schema 8, recounted from their tables
    std::vector<std::string> findings; // each names the round and, where there is one, the event
};

/// Checks one clinic's rounds and ballots; `replay` is its chain's replay.
record_report check_records(SQLite::Database& db, const std::string& clues,
                            const chain_replay& replay);

/// The clinics that have rounds in the tables.
std::vector<std::string> clinics_with_rounds(SQLite::Database& db);

} // namespace asamblea::store
