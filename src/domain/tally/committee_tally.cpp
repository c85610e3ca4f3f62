#include "domain/tally/committee_tally.hpp"

#include "domain/tally/id_order.hpp"
#include "domain/tally/rational.hpp"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace asamblea::domain {

std::optional<committee_rule> parse_committee_rule(std::string_view name) {
    if (name == "av")
        return committee_rule::av;
    if (name == "seqphragmen")
        return committee_rule::seqphragmen;
    return std::nullopt;
}

namespace {

// Seats per sex so far, and whether parity still lets a candidate in.
class parity_guard {
public:
    parity_guard(const std::vector<committee_candidate>& candidates, const committee_options& o)
        : candidates_(candidates), enabled_(o.parity), cap_((o.seats + 1) / 2) {}
    bool allows(std::size_t c) const {
        if (!enabled_)
            return true;
        auto it = seats_.find(candidates_[c].sex);
        return it == seats_.end() || it->second < cap_;
    }
    void take(std::size_t c) { ++seats_[candidates_[c].sex]; }

private:
    const std::vector<committee_candidate>& candidates_;
    bool enabled_;
    std::size_t cap_;
    std::map<std::string, std::size_t, std::less<>> seats_;
};

// Sequential Phragmén's candidate score: the maximal load its voters would carry, (1 + their
// current loads) / their number; nullopt stands for "no voters", worse than any number.
using load = std::optional<rational>;

bool load_less(const load& a, const load& b) {
    if (!a || !b)
        return a.has_value() && !b.has_value();
    return *a < *b;
}

} // namespace

result<committee_tally> tally_committee(const std::vector<committee_candidate>& candidates,
                                        const std::vector<approval_ballot>& ballots,
                                        committee_rule rule, const committee_options& options) {
    if (candidates.empty())
        return fail(error_kind::invalid, "no_candidates", "La elección no tiene candidaturas.",
                    "candidates");
    if (options.seats == 0)
        return fail(error_kind::invalid, "no_seats", "Debe haber al menos un lugar por ocupar.",
                    "seats");
    std::unordered_set<std::string_view> seen;
    for (const auto& c : candidates) {
        if (c.id.empty() || !seen.insert(c.id).second)
            return fail(error_kind::invalid, "candidate_id_invalid",
                        "Cada candidatura necesita un identificador único.", "candidates");
        if (options.parity && c.sex.empty())
            return fail(error_kind::invalid, "candidate_sex_missing",
                        "Para aplicar la paridad, cada candidatura debe indicar su sexo.",
                        "candidates");
    }
    const std::size_t n = candidates.size();
    std::vector<approval_ballot> clean = ballots;
    std::vector<std::int64_t> approvals(n, 0);
    for (auto& b : clean) {
        std::sort(b.begin(), b.end());
        b.erase(std::unique(b.begin(), b.end()), b.end());
        for (auto c : b) {
            if (c >= n)
                return fail(error_kind::invalid, "ballot_unknown_candidate",
                            "Una boleta menciona una candidatura que no existe.", "ballots");
            ++approvals[c];
        }
    }

    committee_tally t;
    t.rule = rule;
    t.candidates.resize(n);
    for (std::size_t c = 0; c < n; ++c) {
        t.candidates[c].candidate_id = candidates[c].id;
        t.candidates[c].approvals = approvals[c];
        t.candidates[c].sex = candidates[c].sex;
    }
    parity_guard parity(candidates, options);
    std::vector<bool> elected(n, false);
    auto elect = [&](std::size_t c) {
        elected[c] = true;
        parity.take(c);
        t.elected.push_back(candidates[c].id);
        t.candidates[c].status = candidate_status::elected;
        t.candidates[c].order = t.elected.size();
    };
    auto id_before = [&](std::size_t a, std::size_t b) {
        return compare_ids(candidates[a].id, candidates[b].id) < 0;
    };

    if (rule == committee_rule::av) {
        std::vector<std::size_t> rank(n);
        for (std::size_t c = 0; c < n; ++c)
            rank[c] = c;
        std::sort(rank.begin(), rank.end(), [&](std::size_t a, std::size_t b) {
            if (approvals[a] != approvals[b])
                return approvals[a] > approvals[b];
            return id_before(a, b);
        });
        for (auto c : rank) {
            if (t.elected.size() == options.seats)
                break;
            if (parity.allows(c))
                elect(c);
            else
                t.candidates[c].status = candidate_status::skipped_for_parity;
        }
    } else {
        // Voters with identical ballots always carry the same load.
        std::vector<approval_ballot> groups;
        std::vector<std::uint64_t> weight;
        {
            std::vector<approval_ballot> sorted;
            for (const auto& b : clean)
                if (!b.empty())
                    sorted.push_back(b);
            std::sort(sorted.begin(), sorted.end());
            for (std::size_t i = 0; i < sorted.size(); ++i) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    groups.push_back(sorted[i]);
                    weight.push_back(0);
                }
                ++weight.back();
            }
        }
        std::vector<rational> group_load(groups.size());
        std::vector<std::vector<std::size_t>> approvers(n);
        for (std::size_t g = 0; g < groups.size(); ++g)
            for (auto c : groups[g])
                approvers[c].push_back(g);

        std::vector<load> score(n);
        while (t.elected.size() < options.seats) {
            for (std::size_t c = 0; c < n; ++c) {
                if (elected[c] || approvals[c] == 0) {
                    score[c] = std::nullopt;
                    continue;
                }
                rational sum(1);
                for (auto g : approvers[c])
                    sum += group_load[g] * rational(weight[g]);
                score[c] = sum / rational(static_cast<std::uint64_t>(approvals[c]));
            }
            auto better = [&](std::size_t a, std::size_t b) {
                if (load_less(score[a], score[b]) || load_less(score[b], score[a]))
                    return load_less(score[a], score[b]);
                return id_before(a, b);
            };
            std::optional<std::size_t> best;
            for (std::size_t c = 0; c < n; ++c) {
                if (!elected[c] && parity.allows(c) && (!best || better(c, *best)))
                    best = c;
            }
            if (!best)
                break;
            for (std::size_t c = 0; c < n; ++c) {
                if (!elected[c] && !parity.allows(c) && better(c, *best))
                    t.candidates[c].status = candidate_status::skipped_for_parity;
            }
            for (auto g : approvers[*best])
                group_load[g] = score[*best] ? *score[*best] : rational();
            elect(*best);
        }
    }
    t.unfilled_seats = options.seats - t.elected.size();
    return t;
}

std::string explain(const candidate_explanation& e) {
    auto votes = [](std::int64_t n) { return std::to_string(n) + (n == 1 ? " voto" : " votos"); };
    switch (e.status) {
    case candidate_status::elected:
        return "Obtuvo el lugar " + std::to_string(e.order) + " con " + votes(e.approvals);
    case candidate_status::not_elected:
        return "No alcanzó lugar: " + votes(e.approvals);
    case candidate_status::skipped_for_parity:
        return "Se omitió por paridad: el sexo «" + e.sex +
               "» ya tenía todos los lugares que permite la paridad (" + votes(e.approvals) + ")";
    }
    return {};
}

std::string explain(const committee_tally& t) {
    const std::size_t seats = t.elected.size() + t.unfilled_seats;
    std::string out = "Se ocuparon " + std::to_string(t.elected.size()) + " de " +
                      std::to_string(seats) + (seats == 1 ? " lugar." : " lugares.");
    if (t.unfilled_seats > 0)
        out += " No hubo suficientes candidaturas para ocupar " + std::to_string(t.unfilled_seats) +
               (t.unfilled_seats == 1 ? " lugar" : " lugares") +
               (t.candidates.size() >= seats ? " respetando la paridad." : ".");
    return out;
}

} // namespace asamblea::domain
