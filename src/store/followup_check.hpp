#pragma once
/// `asamblea verify` for the follow-up: a clinic's work items, quotes and expenses held against
/// what its audit chain says (the state each work reached, every amount and folio fiscal, what was
/// voided), so money edited in the tables behind the server's back is caught.

#include "store/audit_chain.hpp"

#include <SQLiteCpp/Database.h>

#include <string>
#include <vector>

namespace asamblea::store {

struct followup_report {
    int works = 0;                     // work items checked against the chain
    int expenses = 0;                  // expenses checked against the chain
    std::vector<std::string> findings; // each names the record and what differs, in Spanish
};

/// Checks one clinic's follow-up records against its chain's events.
followup_report check_followup(SQLite::Database& db, const std::string& clues,
                               const std::vector<chain_event>& events);

/// The clinics that have work items in the tables.
std::vector<std::string> clinics_with_works(SQLite::Database& db);

} // namespace asamblea::store
