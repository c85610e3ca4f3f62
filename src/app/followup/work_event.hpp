#pragma once
/// What every follow-up command hands back: the work item it acted on, the row it added, and
/// warnings that did not stop it.

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::app {

struct work_event {
    std::int64_t work_id = 0;
    std::int64_t id = 0; // the new work item, quote, expense, evidence, note or confirmation id
    std::vector<std::string> warnings; // "rfc_digit": the RFC's check digit fails
};

} // namespace asamblea::app
