#include "domain/followup/ledger.hpp"

#include <algorithm>
#include <string>

namespace asamblea::domain {
namespace {

bool cancelled(const work_money& w) {
    return w.state == work_state::cancelado;
}

// What the work holds back from the clinic's balance.
centavos reserved(const work_money& w) {
    if (cancelled(w))
        return w.spent;
    return std::max(w.contracted.value_or(w.approved), w.spent);
}

bool takes_expenses(work_state s) {
    return s == work_state::contratado || s == work_state::en_ejecucion ||
           s == work_state::entregado;
}

} // namespace

ledger_line work_ledger(const work_money& work) {
    ledger_line line;
    line.ejercido = work.spent;
    line.comprobado = work.proven;
    if (cancelled(work))
        return line;
    line.asignado = work.approved;
    line.comprometido = work.contracted.value_or(0);
    line.saldo = std::max<centavos>(0, work.contracted.value_or(work.approved) - work.spent);
    return line;
}

ledger_line clinic_ledger(centavos budget, std::span<const work_money> works) {
    ledger_line total;
    total.saldo = budget;
    for (const auto& w : works) {
        auto line = work_ledger(w);
        total.asignado += line.asignado;
        total.comprometido += line.comprometido;
        total.ejercido += line.ejercido;
        total.comprobado += line.comprobado;
        total.saldo -= reserved(w);
    }
    return total;
}

status check_expense(const work_money& work, centavos clinic_budget,
                     std::span<const work_money> all, centavos amount) {
    if (amount <= 0)
        return fail(error_kind::invalid, "amount_invalid",
                    "El monto del gasto debe ser mayor que cero.", "amount");
    if (!takes_expenses(work.state) || !work.contracted)
        return fail(error_kind::conflict, "expense_not_allowed",
                    "Solo se registran gastos de una obra contratada, en ejecución o entregada; "
                    "esta obra está en estado " +
                        std::string(work_state_label(work.state)) + ".",
                    "state");
    if (work.spent + amount > *work.contracted)
        return fail(error_kind::conflict, "over_contract",
                    "El gasto de " + format_pesos(amount) + " rebasa lo contratado: de " +
                        format_pesos(*work.contracted) + " quedan " +
                        format_pesos(std::max<centavos>(0, *work.contracted - work.spent)) + ".",
                    "amount");
    centavos clinic_spent = 0;
    for (const auto& w : all)
        clinic_spent += w.spent;
    if (clinic_spent + amount > clinic_budget)
        return fail(
            error_kind::conflict, "over_balance",
            "El gasto de " + format_pesos(amount) + " rebasa el presupuesto de la clínica: de " +
                format_pesos(clinic_budget) + " quedan " +
                format_pesos(std::max<centavos>(0, clinic_budget - clinic_spent)) + " por ejercer.",
            "amount");
    return {};
}

status check_new_work(centavos budget, std::span<const work_money> all, centavos approved) {
    if (approved <= 0)
        return fail(error_kind::invalid, "amount_invalid",
                    "El monto aprobado de la obra debe ser mayor que cero.", "approved");
    centavos saldo = clinic_ledger(budget, all).saldo;
    if (approved > saldo)
        return fail(error_kind::conflict, "over_balance",
                    "La obra de " + format_pesos(approved) +
                        " no cabe en el saldo de la clínica: quedan " +
                        format_pesos(std::max<centavos>(0, saldo)) + ".",
                    "approved");
    return {};
}

} // namespace asamblea::domain
