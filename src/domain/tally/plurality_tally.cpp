#include "domain/tally/plurality_tally.hpp"

#include "domain/tally/id_order.hpp"

#include <algorithm>
#include <unordered_set>

namespace asamblea::domain {

result<plurality_tally> tally_plurality(const std::vector<std::string>& candidate_ids,
                                        const std::vector<std::uint32_t>& choices) {
    if (candidate_ids.empty())
        return fail(error_kind::invalid, "no_candidates", "La elección no tiene candidaturas.",
                    "candidates");
    std::unordered_set<std::string_view> seen;
    for (const auto& id : candidate_ids) {
        if (id.empty() || !seen.insert(id).second)
            return fail(error_kind::invalid, "candidate_id_invalid",
                        "Cada candidatura necesita un identificador único.", "candidates");
    }
    plurality_tally t;
    t.votes.assign(candidate_ids.size(), 0);
    for (auto c : choices) {
        if (c >= candidate_ids.size())
            return fail(error_kind::invalid, "ballot_unknown_candidate",
                        "Una boleta menciona una candidatura que no existe.", "ballots");
        ++t.votes[c];
    }
    t.leader_votes = *std::max_element(t.votes.begin(), t.votes.end());
    for (std::size_t c = 0; c < candidate_ids.size(); ++c) {
        if (t.votes[c] == t.leader_votes)
            t.leaders.push_back(candidate_ids[c]);
    }
    sort_ids(t.leaders);
    t.runoff = t.leaders.size() > 1;
    return t;
}

std::string explain(const plurality_tally& t) {
    auto votes = [](std::int64_t n) { return std::to_string(n) + (n == 1 ? " voto" : " votos"); };
    if (!t.runoff)
        return "Ganó «" + t.leaders.front() + "» con " + votes(t.leader_votes) + ".";
    std::string names;
    for (std::size_t i = 0; i < t.leaders.size(); ++i) {
        if (i > 0)
            names += i + 1 == t.leaders.size() ? " y " : ", ";
        names += "«" + t.leaders[i] + "»";
    }
    return "Empate entre " + names + " con " + votes(t.leader_votes) +
           " cada una: se hará una segunda vuelta solo entre ellas.";
}

} // namespace asamblea::domain
