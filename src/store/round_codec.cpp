#include "store/round_codec.hpp"

namespace asamblea::store {

nlohmann::json spec_to_json(const domain::round_spec& spec) {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : spec.options) {
        nlohmann::json opt = {{"id", o.id}, {"label", o.label}};
        if (spec.kind == domain::round_kind::budget) {
            opt["cost_centavos"] = o.cost;
            opt["category"] = o.category;
            opt["description"] = o.description;
        }
        if (!o.sex.empty())
            opt["sexo"] = o.sex;
        options.push_back(std::move(opt));
    }
    return {{"kind", domain::to_string(spec.kind)},
            {"title", spec.title},
            {"options", options},
            {"max_choices", spec.max_choices},
            {"cost_cap_centavos", spec.cost_cap},
            {"budget_centavos", spec.budget},
            {"seats", spec.seats},
            {"rule", spec.rule},
            {"parity", spec.parity}};
}

domain::round_spec spec_from_json(const nlohmann::json& j) {
    domain::round_spec spec;
    spec.kind =
        domain::parse_round_kind(j.value("kind", "budget")).value_or(domain::round_kind::budget);
    spec.title = j.value("title", "");
    for (const auto& o : j.value("options", nlohmann::json::array()))
        spec.options.push_back({o.value("id", ""), o.value("label", ""),
                                o.value("cost_centavos", std::int64_t{0}), o.value("category", ""),
                                o.value("description", ""), o.value("sexo", "")});
    spec.max_choices = j.value("max_choices", 0);
    spec.cost_cap = j.value("cost_cap_centavos", std::int64_t{0});
    spec.budget = j.value("budget_centavos", std::int64_t{0});
    spec.seats = j.value("seats", 1);
    spec.rule = j.value("rule", "greedy");
    spec.parity = j.value("parity", false);
    return spec;
}

nlohmann::json result_to_json(const domain::round_result& r) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& l : r.lines)
        lines.push_back({{"id", l.id},
                         {"label", l.label},
                         {"votes", l.votes},
                         {"selected", l.selected},
                         {"explanation", l.explanation}});
    nlohmann::json out = {{"lines", lines}, {"summary", r.summary}, {"spent_centavos", r.spent}};
    if (r.runoff) {
        out["runoff"] = true;
        out["tied"] = r.tied;
    }
    return out;
}

} // namespace asamblea::store
