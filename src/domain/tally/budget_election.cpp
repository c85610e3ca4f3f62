#include "domain/tally/budget_election.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace asamblea::domain {

namespace {

status check_projects(std::int64_t budget, const std::vector<budget_project>& projects) {
    if (budget < 0 || budget > max_budget_amount)
        return fail(error_kind::invalid, "budget_out_of_range",
                    "El presupuesto debe ser un monto entero entre 0 y 10^15.", "budget");
    if (projects.size() > max_budget_projects)
        return fail(error_kind::invalid, "too_many_projects",
                    "Una votación admite como máximo 4,000 propuestas.", "projects");
    // Which projects repeat an earlier one's id: their positions sorted by id (the earlier first
    // among equals). A room checks its projects at every push of a live result, and a hash map
    // cost an allocation per project (issue 19).
    std::vector<std::size_t> order(projects.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        int c = projects[a].id.compare(projects[b].id);
        return c < 0 || (c == 0 && a < b);
    });
    std::vector<bool> repeats(projects.size(), false);
    for (std::size_t k = 1; k < order.size(); ++k)
        if (projects[order[k]].id == projects[order[k - 1]].id)
            repeats[order[k]] = true;
    for (std::size_t i = 0; i < projects.size(); ++i) {
        const auto& p = projects[i];
        if (p.id.empty())
            return fail(error_kind::invalid, "project_id_missing",
                        "Cada propuesta necesita un identificador.", "projects");
        if (repeats[i])
            return fail(error_kind::invalid, "project_id_duplicate",
                        "El identificador de propuesta «" + p.id + "» está repetido.", "projects");
        if (p.cost < 0 || p.cost > max_budget_amount)
            return fail(error_kind::invalid, "project_cost_out_of_range",
                        "El costo de la propuesta «" + p.id + "» está fuera de rango.", "projects");
    }
    return {};
}

} // namespace

result<budget_election> make_budget_election(std::int64_t budget,
                                             std::vector<budget_project> projects,
                                             std::vector<approval_ballot> ballots) {
    if (auto ok = check_projects(budget, projects); !ok)
        return std::unexpected(ok.error());
    for (auto& ballot : ballots) {
        std::sort(ballot.begin(), ballot.end());
        ballot.erase(std::unique(ballot.begin(), ballot.end()), ballot.end());
        if (!ballot.empty() && ballot.back() >= projects.size())
            return fail(error_kind::invalid, "ballot_unknown_project",
                        "Una boleta menciona una propuesta que no existe.", "ballots");
    }
    return budget_election{budget, std::move(projects), std::move(ballots)};
}

status validate_budget_election(const budget_election& election) {
    if (auto ok = check_projects(election.budget, election.projects); !ok)
        return ok;
    for (const auto& ballot : election.ballots) {
        for (std::size_t i = 0; i < ballot.size(); ++i) {
            if (ballot[i] >= election.projects.size() || (i > 0 && ballot[i - 1] >= ballot[i]))
                return fail(error_kind::invalid, "ballot_malformed",
                            "Una boleta menciona una propuesta que no existe o la repite.",
                            "ballots");
        }
    }
    return {};
}

result<budget_election> make_budget_election(std::int64_t budget,
                                             std::vector<budget_project> projects,
                                             const std::vector<std::vector<std::string>>& ballots) {
    if (auto ok = check_projects(budget, projects); !ok)
        return std::unexpected(ok.error());
    std::unordered_map<std::string_view, std::uint32_t> index;
    for (std::size_t i = 0; i < projects.size(); ++i)
        index.emplace(projects[i].id, static_cast<std::uint32_t>(i));
    std::vector<approval_ballot> by_index;
    by_index.reserve(ballots.size());
    for (const auto& ballot : ballots) {
        approval_ballot b;
        b.reserve(ballot.size());
        for (const auto& id : ballot) {
            auto it = index.find(id);
            if (it == index.end())
                return fail(error_kind::invalid, "ballot_unknown_project",
                            "Una boleta menciona la propuesta «" + id + "», que no existe.",
                            "ballots");
            b.push_back(it->second);
        }
        by_index.push_back(std::move(b));
    }
    return make_budget_election(budget, std::move(projects), std::move(by_index));
}

} // namespace asamblea::domain
