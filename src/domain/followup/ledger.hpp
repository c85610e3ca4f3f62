#pragma once
/// The cuadernillo: where each work item's money and the clinic's budget stand, and the limits
/// every expense and new work item must fit.
///
/// Per work item:
/// - asignado: what the assembly approved for it; 0 once cancelado.
/// - comprometido: the chosen quote's amount once contratado or later; 0 before, and once
///   cancelado.
/// - ejercido: the live (not voided) expenses, whatever the state: money paid stays paid.
/// - comprobado: the live expenses that have both their CFDI and their file.
/// - saldo: (comprometido, or asignado before a contract) − ejercido, never below 0; 0 once
///   cancelado.
/// Per clinic: asignado, comprometido, ejercido and comprobado are the sums over its works;
/// saldo = budget − Σ reserved, where a live work reserves max(contracted-or-approved, spent)
/// and a cancelled one only what it spent, so its unspent money returns to the balance. The
/// clinic's saldo is not floored: a negative one would show data that broke the rules.

#include "domain/error.hpp"
#include "domain/followup/work_state.hpp"
#include "domain/money.hpp"

#include <cstdint>
#include <optional>
#include <span>

namespace asamblea::domain {

/// One work item's money, gathered by the caller.
struct work_money {
    std::int64_t work_id = 0;
    work_state state = work_state::planeado;
    centavos approved = 0;
    std::optional<centavos> contracted; // the chosen quote's amount, once contratado or later
    centavos spent = 0;                 // live expenses
    centavos proven = 0;                // live expenses with their CFDI and file
};

struct ledger_line {
    centavos asignado = 0;
    centavos comprometido = 0;
    centavos ejercido = 0;
    centavos comprobado = 0;
    centavos saldo = 0;
};

/// One work item's line (definitions above).
ledger_line work_ledger(const work_money& work);

/// The clinic's line for its `budget` and all its works (definitions above).
ledger_line clinic_ledger(centavos budget, std::span<const work_money> works);

/// Whether an expense of `amount` fits `work`, one of `all` (every work of the clinic, `work`
/// included): invalid amount_invalid unless positive; conflict expense_not_allowed unless the
/// work is contratado, en_ejecucion or entregado with a contracted amount; over_contract when
/// its expenses would pass the contracted amount; over_balance when the clinic's expenses would
/// pass its budget. Exactly reaching either limit is allowed.
status check_expense(const work_money& work, centavos clinic_budget,
                     std::span<const work_money> all, centavos amount);

/// Whether a new work item approved for `approved` fits the clinic's saldo (clinic_ledger):
/// invalid amount_invalid unless positive, conflict over_balance otherwise.
status check_new_work(centavos budget, std::span<const work_money> all, centavos approved);

} // namespace asamblea::domain
