#pragma once
/// A revealed budget round as a pabulib file: its budget, its options and its counted ballots,
/// so anyone can count it again (`asamblea tally`, pabutools) and get the published result.

#include "domain/error.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>

namespace asamblea::app {

/// The pabulib rule name of a budget rule of asamblea: "greedy", "equalshares",
/// "equalshares/add1", "equalshares/add1/greedy".
std::string pabulib_rule_name(const std::string& rule);

/// The file of the clinic's round `round_id`. Amounts are pesos with two decimals (the round
/// counts centavos, so the file counts the same money exactly); voters are numbered by their
/// receipt's place in the public ballot list, never by receipt or person. not_found
/// round_not_found (unknown, another clinic's, or not a budget round); conflict
/// round_not_revealed until the round is closed and revealed.
domain::result<std::string> round_as_pabulib(SQLite::Database& db, const std::string& clues,
                                             std::int64_t round_id);

} // namespace asamblea::app
