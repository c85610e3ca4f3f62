#pragma once
/// A work item (obra / equipo): a selected proposal being carried out, and where it stands.

#include "domain/followup/work_state.hpp"
#include "domain/money.hpp"
#include "domain/proposal.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace asamblea::domain {

struct work_item {
    std::int64_t id = 0;
    std::int64_t proposal_id = 0; // the selected proposal it carries out
    std::string title;
    domain::category category = category::obra;
    centavos approved = 0; // what the assembly approved for it
    work_state state = work_state::planeado;
    std::optional<work_state> resumes_to; // set while detenido: the state it left
    int quantity = 0;                     // units of equipment; 0 for everything else
};

} // namespace asamblea::domain
