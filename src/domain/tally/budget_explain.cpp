#include "domain/money.hpp"
#include "domain/tally/budget_tally.hpp"

namespace asamblea::domain {

namespace {

std::string votes(std::int64_t n) {
    return std::to_string(n) + (n == 1 ? " voto" : " votos");
}

std::string criterion_text(tie_criterion c) {
    switch (c) {
    case tie_criterion::lower_cost:
        return "la de menor costo";
    case tie_criterion::more_approvals:
        return "la que tuvo más votos";
    case tie_criterion::smaller_id:
        return "la de identificador menor";
    }
    return "la de identificador menor";
}

} // namespace

std::string explain(const project_explanation& e, std::int64_t centavos_per_unit) {
    auto money = [&](std::int64_t amount) { return format_pesos(amount * centavos_per_unit); };
    switch (e.status) {
    case project_status::selected:
        if (e.stage == selection_stage::completion)
            return "Seleccionada con el dinero sobrante: " + votes(e.approvals) + ", costo " +
                   money(e.cost);
        return "Seleccionada: " + votes(e.approvals) + ", costo " + money(e.cost);
    case project_status::over_budget:
        return "No alcanzó el presupuesto restante: costaba " + money(e.cost) + " y quedaban " +
               money(e.budget_left);
    case project_status::insufficient_support:
        if (e.approvals == 0)
            return "Sin apoyo: no recibió votos";
        return "Apoyo insuficiente: a quienes la votaron (" + votes(e.approvals) +
               ") ya no les alcanzaba su parte del presupuesto para cubrir " + money(e.cost);
    case project_status::lost_tie:
        return "Empate con «" + e.tied_with + "»: se eligió " + criterion_text(e.criterion);
    }
    return {};
}

} // namespace asamblea::domain
