#include "cli/commands.hpp"
#include "domain/tally/budget_tally.hpp"
#include "domain/tally/pabulib.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace asamblea::cli {
namespace {

std::string_view status_name(domain::project_status s) {
    switch (s) {
    case domain::project_status::selected:
        return "selected";
    case domain::project_status::over_budget:
        return "over_budget";
    case domain::project_status::insufficient_support:
        return "insufficient_support";
    case domain::project_status::lost_tie:
        return "lost_tie";
    }
    return "insufficient_support";
}

std::string_view criterion_name(domain::tie_criterion c) {
    switch (c) {
    case domain::tie_criterion::lower_cost:
        return "lower_cost";
    case domain::tie_criterion::more_approvals:
        return "more_approvals";
    case domain::tie_criterion::smaller_id:
        return "smaller_id";
    }
    return "smaller_id";
}

// An amount of the tally in the file's unit: a whole number as before, or with its decimals
// (the tally counted it exactly, in units of 10^-decimals).
nlohmann::ordered_json amount(std::int64_t units, const domain::pabulib_instance& instance) {
    if (instance.decimals == 0)
        return units;
    return static_cast<double>(units) / static_cast<double>(instance.unit());
}

// The explanation prints centavos of the file's currency. Amounts with more than two decimals
// are shown cut to the centavo: only the printing rounds, never the count.
std::string explanation(domain::project_explanation p, const domain::pabulib_instance& instance,
                        const domain::project_namer& name_of) {
    if (instance.decimals <= 2)
        return domain::explain(p, 100 / instance.unit(), name_of);
    const std::int64_t per_centavo = instance.unit() / 100;
    p.cost /= per_centavo;
    p.budget_left /= per_centavo;
    return domain::explain(p, 1, name_of);
}

nlohmann::ordered_json to_json(const std::string& file, const domain::pabulib_instance& instance,
                               const domain::budget_tally& t) {
    // A tie names the other project as the file does, when it has a name.
    auto name_of = [&](std::string_view id) -> std::string {
        for (std::size_t i = 0; i < t.projects.size(); ++i)
            if (t.projects[i].project_id == id && i < instance.project_names.size() &&
                !instance.project_names[i].empty())
                return instance.project_names[i];
        return std::string(id);
    };
    nlohmann::ordered_json projects = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < t.projects.size(); ++i) {
        const auto& p = t.projects[i];
        nlohmann::ordered_json j{{"id", p.project_id},
                                 {"name", instance.project_names[i]},
                                 {"cost", amount(p.cost, instance)},
                                 {"approvals", p.approvals},
                                 {"status", status_name(p.status)},
                                 {"explanation", explanation(p, instance, name_of)}};
        if (p.status == domain::project_status::selected) {
            j["order"] = p.order;
            j["stage"] = p.stage == domain::selection_stage::completion ? "completion" : "rule";
        }
        if (p.status == domain::project_status::over_budget ||
            (p.status == domain::project_status::lost_tie && t.rule == domain::budget_rule::greedy))
            j["budget_left"] = amount(p.budget_left, instance);
        if (p.status == domain::project_status::lost_tie) {
            j["tied_with"] = p.tied_with;
            j["criterion"] = criterion_name(p.criterion);
        }
        projects.push_back(std::move(j));
    }
    nlohmann::ordered_json out{{"file", file},
                               {"rule", domain::to_string(t.rule)},
                               {"budget", amount(t.budget, instance)},
                               {"spent", amount(t.spent, instance)},
                               {"ballots", instance.election.ballots.size()},
                               {"selected", t.selected},
                               {"projects", std::move(projects)}};
    if (t.rule == domain::budget_rule::mes_add1 || t.rule == domain::budget_rule::mes_add1_greedy)
        out["voter_budget_steps"] = t.voter_budget_steps;
    return out;
}

int tally(const std::string& file, const std::string& rule_name, bool json) {
    auto rule = domain::parse_budget_rule(rule_name);
    if (!rule) {
        std::cerr << "asamblea: regla desconocida «" << rule_name
                  << "»; use greedy, mes, mes-add1 o mes-add1-greedy.\n";
        return 1;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::cerr << "asamblea: no se pudo leer " << file << "\n";
        return 1;
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto instance = domain::parse_pabulib(text.str());
    if (!instance) {
        std::cerr << file << ": " << instance.error().message << "\n";
        return 1;
    }
    // mes-add1 raises each voter's share by one unit of the file, as pabutools does.
    domain::budget_options options;
    options.voter_budget_increment = instance->unit();
    auto t = domain::tally_budget(instance->election, *rule, options);
    if (!t) {
        std::cerr << file << ": " << t.error().message << "\n";
        return 1;
    }
    if (json) {
        std::cout << to_json(file, *instance, *t).dump(2) << "\n";
        return 0;
    }
    std::string line;
    for (const auto& id : t->selected)
        line += (line.empty() ? "" : " ") + id;
    std::cout << line << "\n";
    return 0;
}

} // namespace

void add_tally_command(CLI::App& app) {
    struct options {
        std::string data_dir = "./data";
        std::string file;
        std::string rule = "greedy";
        bool json = false;
    };
    auto opts = std::make_shared<options>();
    auto* sub = app.add_subcommand(
        "tally",
        "Tally a participatory-budgeting file (pabulib format) and print the selected ids");
    add_data_option(*sub, opts->data_dir); // accepted for uniformity; tally touches no database
    sub->add_option("file", opts->file, "The .pb file")->required();
    sub->add_option("--rule", opts->rule, "greedy, mes, mes-add1 or mes-add1-greedy")
        ->capture_default_str();
    sub->add_flag("--json", opts->json, "Print every project's outcome and explanation as JSON");
    sub->callback([opts] {
        int code = tally(opts->file, opts->rule, opts->json);
        if (code != 0)
            throw CLI::RuntimeError(code);
    });
}

} // namespace asamblea::cli
