#include "app/open_data/round_pabulib.hpp"

#include "domain/tally/decimal_amount.hpp"
#include "domain/tally/pabulib_writer.hpp"
#include "store/clinic_repo.hpp"
#include "store/open_data_repo.hpp"
#include "store/round_repo.hpp"

namespace asamblea::app {

std::string pabulib_rule_name(const std::string& rule) {
    if (rule == "mes")
        return "equalshares";
    if (rule == "mes-add1")
        return "equalshares/add1";
    if (rule == "mes-add1-greedy")
        return "equalshares/add1/greedy";
    return rule;
}

domain::result<std::string> round_as_pabulib(SQLite::Database& db, const std::string& clues,
                                             std::int64_t round_id) {
    auto not_found = [] {
        return domain::fail(domain::error_kind::not_found, "round_not_found",
                            "No existe esa votación de presupuesto en esta unidad.", "id");
    };
    auto owner = store::find_round_owner(db, round_id);
    auto round = store::find_round(db, round_id);
    auto clinic = store::find_clinic(db, clues);
    if (!owner || owner->clues != clues || !round || !clinic ||
        round->spec.kind != domain::round_kind::budget)
        return not_found();
    if (round->status != domain::round_status::cerrada || round->revealed_at.empty())
        return domain::fail(domain::error_kind::conflict, "round_not_revealed",
                            "El archivo de la votación se publica cuando se revelan sus "
                            "resultados.",
                            "id");
    const auto& spec = round->spec;
    auto ballots = store::counted_ballots(db, round_id);

    domain::pabulib_document doc;
    doc.meta = {{"description", spec.title + " — " + clinic->nombre},
                {"country", "Mexico"},
                {"unit", clues},
                {"instance", std::to_string(owner->edition)},
                {"num_projects", std::to_string(spec.options.size())},
                {"num_votes", std::to_string(ballots.size())},
                {"budget", domain::format_decimal(spec.budget, 2)},
                {"vote_type", "approval"},
                {"rule", pabulib_rule_name(spec.rule)},
                {"currency", "MXN"}};
    // The ballot's limits, as pabulib names them (pabutools reads them; no rule depends on them).
    if (spec.max_choices > 0)
        doc.meta.emplace_back("max_length", std::to_string(spec.max_choices));
    if (spec.cost_cap > 0)
        doc.meta.emplace_back("max_sum_cost", domain::format_decimal(spec.cost_cap, 2));
    for (const auto& o : spec.options)
        doc.projects.push_back({o.id, domain::format_decimal(o.cost, 2), o.label});
    for (const auto& b : ballots)
        doc.votes.push_back(b.choices);
    return domain::write_pabulib(doc);
}

} // namespace asamblea::app
