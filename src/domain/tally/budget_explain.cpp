#include "domain/money.hpp"
#include "domain/tally/budget_tally.hpp"

namespace asamblea::domain {

namespace {

std::string votes(std::int64_t n) {
    return std::to_string(n) + (n == 1 ? " voto" : " votos");
}

// Why the tie rule put the other project first, as the end of "…, que fue antes por …".
std::string criterion_text(tie_criterion c) {
    switch (c) {
    case tie_criterion::lower_cost:
        return "por ser la de menor costo";
    case tie_criterion::more_approvals:
        return "por tener más votos";
    case tie_criterion::smaller_id:
        return "por tener el identificador menor";
    }
    return "por tener el identificador menor";
}

} // namespace

std::string explain(const project_explanation& e, std::int64_t centavos_per_unit,
                    const project_namer& name_of) {
    auto money = [&](std::int64_t amount) { return format_pesos(amount * centavos_per_unit); };
    auto over_budget = [&] {
        return "No alcanzó el presupuesto restante: costaba " + money(e.cost) + " y quedaban " +
               money(e.budget_left);
    };
    auto insufficient_support = [&]() -> std::string {
        if (e.approvals == 0)
            return "Sin apoyo: no recibió votos";
        return "Apoyo insuficiente: a quienes la votaron (" + votes(e.approvals) +
               ") ya no les alcanzaba su parte del presupuesto para cubrir " + money(e.cost);
    };
    switch (e.status) {
    case project_status::selected:
        if (e.stage == selection_stage::completion)
            return "Seleccionada con el dinero sobrante: " + votes(e.approvals) + ", costo " +
                   money(e.cost);
        return "Seleccionada: " + votes(e.approvals) + ", costo " + money(e.cost);
    case project_status::over_budget:
        return over_budget();
    case project_status::insufficient_support:
        return insufficient_support();
    case project_status::lost_tie: {
        // What kept it out comes first; the tie only decided which of the two went first.
        std::string other = name_of ? name_of(e.tied_with) : e.tied_with;
        if (e.cause == project_status::over_budget)
            return over_budget() + ". Empató en votos con «" + other + "», que fue antes " +
                   criterion_text(e.criterion);
        return insufficient_support() + ". Antes empató con «" + other + "», que se eligió " +
               criterion_text(e.criterion);
    }
    }
    return {};
}

} // namespace asamblea::domain
