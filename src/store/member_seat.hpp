#pragma once
/// The committee seat behind a follow-up row (who moved a work, who wrote a note), read with the
/// row so a timeline can say "por Tesorería (nombre)". Empty for rows no member wrote.

#include "domain/committee.hpp"

#include <optional>
#include <string>

namespace asamblea::store {

struct member_seat {
    std::optional<domain::committee_role> role;
    std::string name;
};

} // namespace asamblea::store
