#pragma once
/// Who records the follow-up of a clinic: a member of its current COSABI with a login.

#include "domain/committee.hpp"
#include "domain/error.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>

namespace asamblea::app {

struct member_actor {
    std::int64_t user_id = 0;
    std::int64_t member_id = 0;
    domain::committee_role role = domain::committee_role::presidencia;
    std::string nombre;
    int term = 0;
};

/// The member of the clinic's current committee (not voided, latest term) linked to this login;
/// forbidden not_current_member otherwise (a member of an earlier term, a coordinator, ...).
domain::result<member_actor> current_member(SQLite::Database& db, const std::string& clues,
                                            std::int64_t user_id);

} // namespace asamblea::app
