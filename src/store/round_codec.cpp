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
    nlohmann::json out = {{"kind", domain::to_string(spec.kind)},
                          {"title", spec.title},
                          {"options", options},
                          {"max_choices", spec.max_choices},
                          {"cost_cap_centavos", spec.cost_cap},
                          {"budget_centavos", spec.budget},
                          {"seats", spec.seats},
                          {"rule", spec.rule},
                          {"parity", spec.parity}};
    // COSABI: the role an election fills, its runoff link, or the ratification motion.
    if (!spec.role.empty())
        out["role"] = spec.role;
    if (spec.runoff_of != 0) {
        out["runoff_of"] = spec.runoff_of;
        out["runoff_depth"] = spec.runoff_depth;
    }
    if (spec.ratify_committee)
        out["ratify_committee"] = true;
    return out;
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
    spec.role = j.value("role", "");
    spec.runoff_of = j.value("runoff_of", std::int64_t{0});
    spec.runoff_depth = j.value("runoff_depth", 0);
    spec.ratify_committee = j.value("ratify_committee", false);
    return spec;
}

nlohmann::json result_to_json(const domain::round_result& r) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& l : r.lines) {
        nlohmann::json line = {{"id", l.id},
                               {"label", l.label},
                               {"votes", l.votes},
                               {"selected", l.selected},
                               {"explanation", l.explanation}};
        if (l.seat > 0)
            line["seat"] = l.seat;
        lines.push_back(std::move(line));
    }
    nlohmann::json out = {{"lines", lines},
                          {"summary", r.summary},
                          {"spent_centavos", r.spent},
                          {"quorum_met", r.quorum_met}};
    if (r.runoff) {
        out["runoff"] = true;
        out["tied"] = r.tied;
    }
    return out;
}

nlohmann::json recorded_to_json(const domain::recorded_result& r) {
    auto out = result_to_json(r.tally);
    out["ballots"] = r.ballots;
    if (r.present)
        out["present"] = *r.present;
    if (r.quorum)
        out["quorum"] = *r.quorum;
    return out;
}

domain::recorded_result recorded_from_json(const nlohmann::json& j) {
    domain::recorded_result out;
    if (!j.is_object())
        return out;
    for (const auto& l : j.value("lines", nlohmann::json::array()))
        out.tally.lines.push_back({l.value("id", ""), l.value("label", ""),
                                   l.value("votes", std::int64_t{0}), l.value("selected", false),
                                   l.value("explanation", ""), l.value("seat", 0)});
    out.tally.summary = j.value("summary", "");
    out.tally.spent = j.value("spent_centavos", std::int64_t{0});
    out.tally.runoff = j.value("runoff", false);
    out.tally.tied = j.value("tied", std::vector<std::string>{});
    out.ballots = j.value("ballots", std::int64_t{0});
    if (auto p = j.find("present"); p != j.end() && p->is_number_integer())
        out.present = p->get<std::int64_t>();
    if (auto q = j.find("quorum"); q != j.end() && q->is_number_integer())
        out.quorum = q->get<std::int64_t>();
    if (auto met = j.find("quorum_met"); met != j.end() && met->is_boolean())
        out.tally.quorum_met = met->get<bool>();
    else
        out.tally.quorum_met = !out.present || !out.quorum || *out.present >= *out.quorum;
    return out;
}

} // namespace asamblea::store
