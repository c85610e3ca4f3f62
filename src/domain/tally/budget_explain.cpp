#include "domain/money.hpp"
#include "domain/tally/budget_tally.hpp"

namespace asamblea::domain {

namespace {

// Why the tie rule put the other project first, as the end of "…, que fue antes por …".
const char* criterion_text(tie_criterion c) {
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
    // Written into one string, not summed from temporaries: a room explains every line of a
    // live result at every push (issue 19).
    std::string out;
    out.reserve(192);
    auto money = [&](std::int64_t amount) { out += format_pesos(amount * centavos_per_unit); };
    auto votes = [&](std::int64_t n) {
        out += std::to_string(n);
        out += n == 1 ? " voto" : " votos";
    };
    auto say_over_budget = [&] {
        out += "No alcanzó el presupuesto restante: costaba ";
        money(e.cost);
        out += " y quedaban ";
        money(e.budget_left);
    };
    auto say_insufficient_support = [&] {
        if (e.approvals == 0) {
            out += "Sin apoyo: no recibió votos";
            return;
        }
        out += "Apoyo insuficiente: a quienes la votaron (";
        votes(e.approvals);
        out += ") ya no les alcanzaba su parte del presupuesto para cubrir ";
        money(e.cost);
    };
    switch (e.status) {
    case project_status::selected:
        out += e.stage == selection_stage::completion ? "Seleccionada con el dinero sobrante: "
                                                      : "Seleccionada: ";
        votes(e.approvals);
        out += ", costo ";
        money(e.cost);
        return out;
    case project_status::over_budget:
        say_over_budget();
        return out;
    case project_status::insufficient_support:
        say_insufficient_support();
        return out;
    case project_status::lost_tie: {
        // What kept it out comes first; the tie only decided which of the two went first.
        std::string other = name_of ? name_of(e.tied_with) : e.tied_with;
        if (e.cause == project_status::over_budget) {
            say_over_budget();
            out += ". Empató en votos con «";
            out += other;
            out += "», que fue antes ";
        } else {
            say_insufficient_support();
            out += ". Antes empató con «";
            out += other;
            out += "», que se eligió ";
        }
        out += criterion_text(e.criterion);
        return out;
    }
    }
    return {};
}

} // namespace asamblea::domain
