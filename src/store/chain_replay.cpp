#include "store/chain_replay.hpp"

#include "store/round_codec.hpp"

#include <algorithm>

namespace asamblea::store {
namespace {

std::string where(const chain_event& e) {
    return "evento " + std::to_string(e.seq) + " («" + e.type + "»)";
}

} // namespace

chain_replay replay_rounds(const std::vector<chain_event>& events) {
    chain_replay out;
    auto problem = [&](const chain_event& e, const std::string& what) {
        out.problems.push_back(where(e) + ": " + what);
    };
    for (const auto& e : events) {
        if (!e.type.starts_with("round.") && e.type != "ballot.cast")
            continue;
        auto id = e.payload.value("round_id", std::int64_t{0});
        if (e.type == "round.created") {
            if (out.rounds.contains(id)) {
                problem(e, "la votación " + std::to_string(id) + " ya se había creado");
                continue;
            }
            auto& r = out.rounds[id];
            r.id = id;
            r.created_seq = e.seq;
            r.spec = e.payload.value("spec", nlohmann::json::object());
            continue;
        }
        auto it = out.rounds.find(id);
        if (it == out.rounds.end()) {
            // A round created before schema 8 lives in the old global chain.
            continue;
        }
        auto& r = it->second;
        if (e.type == "round.opened") {
            if (r.status != domain::round_status::preparada)
                problem(e, "la votación " + std::to_string(id) + " se abre dos veces");
            r.status = domain::round_status::abierta;
        } else if (e.type == "round.cancelled") {
            if (r.status != domain::round_status::preparada)
                problem(e, "se cancela una votación que ya se abrió");
            r.status = domain::round_status::cancelada;
        } else if (e.type == "round.closed") {
            if (r.status != domain::round_status::abierta)
                problem(e, "se cierra una votación que no estaba abierta");
            r.status = domain::round_status::cerrada;
            r.closed_seq = e.seq;
            r.result = e.payload.value("result", nlohmann::json());
        } else if (e.type == "ballot.cast") {
            if (r.status != domain::round_status::abierta) {
                problem(e, "boleta en una votación que no estaba abierta");
                continue;
            }
            replayed_ballot b;
            b.receipt = e.payload.value("receipt", "");
            b.choices = e.payload.value("choices", std::vector<std::string>{});
            b.seq = e.seq;
            auto same_receipt = [&](const replayed_ballot& x) { return x.receipt == b.receipt; };
            if (std::any_of(r.ballots.begin(), r.ballots.end(), same_receipt)) {
                problem(e, "el comprobante " + b.receipt + " ya existía en esta votación");
                continue;
            }
            if (auto replaces = e.payload.find("replaces"); replaces != e.payload.end()) {
                auto old =
                    std::find_if(r.ballots.begin(), r.ballots.end(), [&](const replayed_ballot& x) {
                        return x.receipt == replaces->get<std::string>();
                    });
                if (old == r.ballots.end() || !old->counted)
                    problem(e, "reemplaza una boleta que no estaba contada");
                else
                    old->counted = false;
            }
            r.ballots.push_back(std::move(b));
        }
    }
    return out;
}

domain::result<nlohmann::json> recount(const replayed_round& round) {
    auto spec = spec_from_json(round.spec);
    std::vector<std::vector<std::uint32_t>> picks;
    for (const auto& b : round.ballots) {
        if (!b.counted)
            continue;
        auto checked = domain::check_ballot(spec, b.choices);
        // Invalid ballots are refused before they are written; one in the chain is skipped as
        // the close skipped it.
        if (checked)
            picks.push_back(std::move(*checked));
    }
    auto present = round.result.value("present", std::int64_t{0});
    auto quorum = round.result.value("quorum", std::int64_t{0});
    auto tally = domain::tally_round(spec, picks, present, quorum);
    if (!tally)
        return std::unexpected(tally.error());
    auto out = result_to_json(*tally);
    out["ballots"] = picks.size();
    out["present"] = present;
    out["quorum"] = quorum;
    return out;
}

std::optional<std::string> recount_problem(const replayed_round& round) {
    auto at = " (evento " + std::to_string(round.closed_seq) + ")";
    auto again = recount(round);
    if (!again)
        return again.error().message + at;
    if (!same_outcome(*again, round.result))
        return "el recuento de la bitácora no da el resultado de su cierre" + at;
    return std::nullopt;
}

bool same_outcome(const nlohmann::json& a, const nlohmann::json& b) {
    if (!a.is_object() || !b.is_object())
        return false;
    if (a.value("ballots", std::int64_t{-1}) != b.value("ballots", std::int64_t{-2}))
        return false;
    auto lines_a = a.value("lines", nlohmann::json::array());
    auto lines_b = b.value("lines", nlohmann::json::array());
    if (lines_a.size() != lines_b.size())
        return false;
    for (std::size_t i = 0; i < lines_a.size(); ++i)
        for (const char* key : {"id", "votes", "selected"})
            if (lines_a[i].value(key, nlohmann::json()) != lines_b[i].value(key, nlohmann::json()))
                return false;
    return true;
}

} // namespace asamblea::store
