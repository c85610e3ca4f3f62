#include "server/views/round_json.hpp"

#include "domain/assembly/credential_code.hpp"
#include "server/views/json_text.hpp"
#include "text/json_text.hpp"

namespace asamblea::server {

nlohmann::json to_json(const domain::round_spec& spec) {
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
                          {"options", std::move(options)},
                          {"max_choices", spec.max_choices},
                          {"cost_cap_centavos", spec.cost_cap},
                          {"budget_centavos", spec.budget},
                          {"seats", spec.seats},
                          {"rule", spec.rule},
                          {"parity", spec.parity}};
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

nlohmann::json to_json(const domain::round_result& result) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& l : result.lines) {
        nlohmann::json line = {{"id", l.id},
                               {"label", l.label},
                               {"votes", l.votes},
                               {"selected", l.selected},
                               {"explanation", l.explanation}};
        if (l.seat > 0)
            line["seat"] = l.seat;
        lines.push_back(std::move(line));
    }
    nlohmann::json out = {{"lines", std::move(lines)},
                          {"summary", result.summary},
                          {"spent_centavos", result.spent},
                          {"quorum_met", result.quorum_met}};
    if (result.runoff) {
        out["runoff"] = true;
        out["tied"] = result.tied;
    }
    return out;
}

nlohmann::json to_json(const domain::recorded_result& result) {
    auto out = to_json(result.tally);
    out["ballots"] = result.ballots;
    if (result.present)
        out["present"] = *result.present;
    if (result.quorum)
        out["quorum"] = *result.quorum;
    return out;
}

nlohmann::json current_results(const app::hot_state& state, const store::round_row& row) {
    if (!row.revealed_at.empty() && row.result)
        return to_json(*row.result);
    if (auto live = state.live_result(row))
        return to_json(*live);
    return nullptr;
}

std::string current_results_text(const app::hot_state& state, const store::round_row& row) {
    if (!row.revealed_at.empty() && row.result)
        return to_json(*row.result).dump();
    std::string out;
    if (auto live = state.live_result(row))
        append_json(out, *live);
    else
        out = "null";
    return out;
}

void append_json(std::string& out, const domain::round_result& result) {
    // `"name":`, after a comma unless it opens its object, then the value.
    auto field = [&](std::string_view name, bool first = false) {
        if (!first)
            out += ',';
        out += '"';
        out += name;
        out += "\":";
    };
    auto text = [&](std::string_view name, std::string_view value, bool first = false) {
        field(name, first);
        text::append_json_string(out, value);
    };
    auto number = [&](std::string_view name, std::int64_t value) {
        field(name);
        out += std::to_string(value);
    };
    auto flag = [&](std::string_view name, bool value) {
        field(name);
        out += value ? "true" : "false";
    };
    out += '{';
    field("lines", true);
    out += '[';
    for (const auto& l : result.lines) {
        if (&l != &result.lines.front())
            out += ',';
        out += '{';
        text("id", l.id, true);
        text("label", l.label);
        number("votes", l.votes);
        flag("selected", l.selected);
        text("explanation", l.explanation);
        if (l.seat > 0)
            number("seat", l.seat);
        out += '}';
    }
    out += ']';
    text("summary", result.summary);
    number("spent_centavos", result.spent);
    flag("quorum_met", result.quorum_met);
    if (result.runoff) {
        flag("runoff", true);
        field("tied");
        out += '[';
        for (const auto& id : result.tied) {
            if (&id != &result.tied.front())
                out += ',';
            text::append_json_string(out, id);
        }
        out += ']';
    }
    out += '}';
}

nlohmann::json round_json(const app::hot_state& state, const store::round_row& row, bool current) {
    auto j = to_json(row.spec);
    j["id"] = row.id;
    j["status"] = domain::to_string(row.status);
    j["opened_at"] = text_or_null(row.opened_at);
    j["closes_at"] = text_or_null(row.closes_at);
    j["closed_at"] = text_or_null(row.closed_at);
    j["revealed"] = !row.revealed_at.empty();
    j["live_results"] = row.live_results;
    j["attendance"] = state.info().attendance;
    j["results"] = nullptr;
    if (current) {
        j["ballots"] = state.counted();
        j["results"] = current_results(state, row);
    } else {
        j["ballots"] = row.result ? row.result->ballots : 0;
        if (!row.revealed_at.empty() && row.result)
            j["results"] = to_json(*row.result);
    }
    return j;
}

app::round_request round_request_from(const nlohmann::json& body) {
    app::round_request r;
    r.kind = domain::parse_round_kind(body.value("kind", "")).value_or(domain::round_kind::budget);
    r.title = body.value("title", "");
    r.max_choices = body.value("max_choices", 0);
    r.cost_cap = body.value("cost_cap_centavos", std::int64_t{0});
    if (body.contains("seats"))
        r.seats = body["seats"].get<int>();
    r.parity = body.value("parity", false);
    if (body.contains("rule"))
        r.rule = body["rule"].get<std::string>();
    if (body.contains("role"))
        r.role = body["role"].get<std::string>();
    r.ratify_committee = body.value("ratify_committee", false);
    r.options_given = body.contains("options");
    for (const auto& o : body.value("options", nlohmann::json::array()))
        r.options.push_back({o["id"], o["label"], 0, "", "", o.value("sexo", "")});
    return r;
}

nlohmann::json my_ballots_json(const app::hot_state& state, const std::string& voter_tag) {
    nlohmann::json out = nlohmann::json::object();
    const auto& round = state.round();
    if (!round)
        return out;
    if (const auto* b = state.counted_for(voter_tag))
        out[std::to_string(round->id)] = {{"receipt", domain::display_credential_code(b->receipt)},
                                          {"choices", b->choices},
                                          {"ballot_id", b->ballot_uid}};
    return out;
}

} // namespace asamblea::server
