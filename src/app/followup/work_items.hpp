#pragma once
/// Use cases of a work item itself: a coordinator's addition, its state moves, notes, the
/// equipment's data, and the edition's deadline. Every one is a command run by the clinic's
/// room and appends one audit event (work.created, work.moved, work.note, work.equipment,
/// deadline.set).

#include "app/command.hpp"
#include "app/followup/work_event.hpp"
#include "domain/followup/work_state.hpp"
#include "domain/money.hpp"
#include "domain/proposal.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace asamblea::app {

/// A work item the coordinator adds outside the vote (origin coordinacion).
struct new_work {
    int edition = 0;
    std::string title;
    domain::category category = domain::category::obra;
    domain::centavos approved = 0;
    int quantity = 0;   // equipamiento: at least 1; 0 otherwise
    std::string reason; // required and public (audited)
    std::int64_t user_id = 0;
};
/// The server authorizes the coordinator; the amount must fit the clinic's saldo
/// (domain::check_new_work against the clinic's presupuesto and the edition's works).
command<work_event> add_work_item(new_work request);

/// A committee member moves a work item (domain::check_move with the proof on record); a
/// work_moves row, work.moved.
command<work_event> move_work(std::int64_t user_id, std::int64_t work_id, domain::work_state to,
                              std::string reason);

/// A committee member's note on the progress (up to domain::max_reason_chars).
command<work_event> add_note(std::int64_t user_id, std::int64_t work_id, std::string text);

struct equipment_input {
    std::string brand, model;
    std::vector<std::string> serials, inventory_tags;
};
/// Equipamiento only, once entregado or verificado: brand, model, serials, inventory tags.
command<work_event> set_equipment(std::int64_t user_id, std::int64_t work_id,
                                  equipment_input input);

/// The coordinator sets (or replaces) an edition's deadline, "YYYY-MM-DD"
/// (domain::parse_deadline). Audited on the chain of no clinic.
command<work_event> set_deadline(int edition, std::string date, std::int64_t user_id);

} // namespace asamblea::app
