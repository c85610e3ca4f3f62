// The fast MES engine against a slow, literal transcription of pabutools' algorithm (one rational
// budget per voter, sorted scan, no pruning), on many small random instances full of ties.
#include "domain/tally/budget_tally.hpp"
#include "domain/tally/mes_engine.hpp"
#include "domain/tally/rational.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <random>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace tally_mes_test {

namespace {

struct reference_outcome {
    std::vector<std::uint32_t> sequence;
    std::int64_t spent = 0;
    std::vector<std::optional<std::uint32_t>> lost_to;
};

std::vector<std::int64_t> count_approvals(const budget_election& e) {
    std::vector<std::int64_t> a(e.projects.size(), 0);
    for (const auto& b : e.ballots)
        for (auto p : b)
            ++a[p];
    return a;
}

reference_outcome reference_mes(const budget_election& e, const rational& start) {
    const auto approvals = count_approvals(e);
    reference_outcome out;
    out.lost_to.assign(e.projects.size(), std::nullopt);
    std::vector<rational> money(e.ballots.size(), start);
    std::vector<bool> remaining(e.projects.size(), false);
    std::vector<std::uint32_t> free;
    for (std::uint32_t p = 0; p < e.projects.size(); ++p) {
        if (approvals[p] > 0 && e.projects[p].cost > 0)
            remaining[p] = true;
        if (approvals[p] > 0 && e.projects[p].cost == 0)
            free.push_back(p);
    }
    auto key = [&](std::uint32_t p) {
        return tie_key{e.projects[p].cost, approvals[p], e.projects[p].id};
    };
    std::sort(free.begin(), free.end(), [&](auto a, auto b) { return wins_tie(key(a), key(b)); });
    out.sequence = free;
    if (e.ballots.empty())
        return out;
    for (;;) {
        std::optional<rational> best;
        std::vector<std::uint32_t> tied;
        std::vector<rational> share(e.projects.size());
        for (std::uint32_t p = 0; p < e.projects.size(); ++p) {
            if (!remaining[p])
                continue;
            std::vector<std::size_t> sup;
            rational total;
            for (std::size_t v = 0; v < e.ballots.size(); ++v) {
                if (std::binary_search(e.ballots[v].begin(), e.ballots[v].end(), p)) {
                    sup.push_back(v);
                    total += money[v];
                }
            }
            rational cost(static_cast<std::uint64_t>(e.projects[p].cost));
            if (total < cost) {
                remaining[p] = false;
                continue;
            }
            std::stable_sort(sup.begin(), sup.end(),
                             [&](auto a, auto b) { return money[a] < money[b]; });
            rational paid;
            std::uint64_t left = sup.size();
            std::optional<rational> rho;
            for (auto v : sup) {
                rational r = (cost - paid) / rational(left);
                if (r <= money[v]) {
                    rho = r;
                    break;
                }
                paid += money[v];
                --left;
            }
            REQUIRE(rho);
            share[p] = *rho;
            rational afford = *rho / cost;
            if (!best || afford < *best) {
                best = afford;
                tied.assign(1, p);
            } else if (afford == *best) {
                tied.push_back(p);
            }
        }
        if (tied.empty())
            break;
        std::uint32_t w = tied.front();
        for (auto p : tied)
            if (wins_tie(key(p), key(w)))
                w = p;
        for (auto p : tied)
            if (p != w)
                out.lost_to[p] = w;
        for (std::size_t v = 0; v < e.ballots.size(); ++v) {
            if (std::binary_search(e.ballots[v].begin(), e.ballots[v].end(), w))
                money[v] -= std::min(money[v], share[w]);
        }
        remaining[w] = false;
        out.sequence.push_back(w);
    }
    for (auto p : out.sequence)
        out.spent += e.projects[p].cost;
    return out;
}

budget_election random_election(std::mt19937_64& rng, bool tie_prone) {
    const std::size_t n_projects = 1 + rng() % 7;
    const std::size_t n_voters = rng() % 14;
    std::vector<budget_project> projects;
    const std::int64_t tie_costs[] = {0, 2, 3, 4, 6, 6, 12, 12};
    for (std::size_t p = 0; p < n_projects; ++p) {
        std::int64_t cost =
            tie_prone ? tie_costs[rng() % 8] : static_cast<std::int64_t>(rng() % 1000);
        // Mixed id shapes so the id criterion sees numbers and text.
        std::string id =
            (rng() % 3 == 0) ? "p" + std::to_string(rng() % 20) : std::to_string(rng() % 30);
        if (std::any_of(projects.begin(), projects.end(), [&](auto& q) { return q.id == id; }))
            id += "x" + std::to_string(p);
        projects.push_back({id, cost});
    }
    std::vector<approval_ballot> ballots(n_voters);
    for (auto& b : ballots)
        for (std::uint32_t p = 0; p < n_projects; ++p)
            if (rng() % 2)
                b.push_back(p);
    std::int64_t budget =
        tie_prone ? static_cast<std::int64_t>(rng() % 40) : static_cast<std::int64_t>(rng() % 3000);
    auto e = make_budget_election(budget, std::move(projects), std::move(ballots));
    REQUIRE(e);
    return *e;
}

} // namespace

TEST_CASE("MES engine equals the literal pabutools algorithm on random instances") {
    std::mt19937_64 rng(2024);
    int with_ties = 0;
    for (int i = 0; i < 3000; ++i) {
        auto e = random_election(rng, i % 2 == 0);
        auto approvals = count_approvals(e);
        detail::mes_engine engine(e, approvals);
        std::uint64_t extra = rng() % 3 == 0 ? rng() % 20 : 0;
        auto fast = engine.run(big_uint(extra));
        rational start = e.ballots.empty()
                             ? rational()
                             : rational(big_uint(static_cast<std::uint64_t>(e.budget) +
                                                 extra * e.ballots.size()),
                                        big_uint(e.ballots.size()));
        auto slow = reference_mes(e, start);
        INFO("instance " << i);
        REQUIRE(fast.sequence == slow.sequence);
        CHECK(fast.spent == slow.spent);
        for (std::size_t p = 0; p < e.projects.size(); ++p) {
            CHECK(fast.last_tie_lost[p].has_value() == slow.lost_to[p].has_value());
            if (fast.last_tie_lost[p] && slow.lost_to[p]) {
                CHECK(fast.last_tie_lost[p]->winner == *slow.lost_to[p]);
                ++with_ties;
            }
        }
        // MES never spends more than the voters hold.
        if (extra == 0)
            CHECK(fast.spent <= e.budget);
    }
    CHECK(with_ties > 100); // the generator really produced ties
}

TEST_CASE("MES engine reuses itself across runs with different shares") {
    std::mt19937_64 rng(99);
    for (int i = 0; i < 200; ++i) {
        auto e = random_election(rng, false);
        auto approvals = count_approvals(e);
        detail::mes_engine engine(e, approvals);
        for (std::uint64_t extra : {0u, 5u, 1u, 50u, 0u}) {
            auto fast = engine.run(big_uint(extra));
            rational start = e.ballots.empty()
                                 ? rational()
                                 : rational(big_uint(static_cast<std::uint64_t>(e.budget) +
                                                     extra * e.ballots.size()),
                                            big_uint(e.ballots.size()));
            CHECK(fast.sequence == reference_mes(e, start).sequence);
        }
    }
}

TEST_CASE("mes-add1 is the last in-budget outcome of the add-one loop") {
    std::mt19937_64 rng(5);
    for (int i = 0; i < 400; ++i) {
        // Wide cost ranges need hundreds of literal MES runs each; a few of them are enough.
        auto e = random_election(rng, i % 8 != 0);
        auto approvals = count_approvals(e);
        // The loop exactly as pabulib/README.md states it, over the reference MES.
        auto exhaustive = [&](const reference_outcome& o) {
            std::vector<bool> in(e.projects.size());
            for (auto p : o.sequence)
                in[p] = true;
            for (std::size_t p = 0; p < e.projects.size(); ++p)
                if (!in[p] && approvals[p] > 0 && e.projects[p].cost > 0 &&
                    o.spent + e.projects[p].cost <= e.budget)
                    return false;
            return true;
        };
        std::vector<std::uint32_t> expected;
        if (!e.ballots.empty()) {
            reference_outcome previous;
            for (std::uint64_t step = 0;; ++step) {
                auto o = reference_mes(e, rational(big_uint(static_cast<std::uint64_t>(e.budget) +
                                                            step * e.ballots.size()),
                                                   big_uint(e.ballots.size())));
                if (o.spent > e.budget) {
                    expected = previous.sequence;
                    break;
                }
                if (exhaustive(o)) {
                    expected = o.sequence;
                    break;
                }
                previous = o;
            }
        }
        std::vector<std::string> ids;
        for (auto p : expected)
            ids.push_back(e.projects[p].id);
        sort_ids(ids);
        auto t = tally_budget(e, budget_rule::mes_add1);
        REQUIRE(t);
        if (!e.ballots.empty())
            CHECK(t->selected == ids);
        CHECK(t->spent <= e.budget);
    }
}

TEST_CASE("MES engine equals the literal algorithm on medium rounds with many partial payers") {
    // A few hundred voters with uneven ballots: many rounds where some supporters can only pay
    // part, money numerators several limbs wide, and repeated rescaling of the common denominator.
    std::mt19937_64 rng(77);
    for (int i = 0; i < 12; ++i) {
        const std::size_t n_projects = 8 + rng() % 8;
        std::vector<budget_project> projects;
        for (std::size_t p = 0; p < n_projects; ++p)
            projects.push_back({std::to_string(p), static_cast<std::int64_t>(1 + rng() % 5000)});
        std::vector<approval_ballot> ballots(150 + rng() % 150);
        for (auto& b : ballots)
            for (std::uint32_t p = 0; p < n_projects; ++p)
                if (rng() % (2 + p % 4) == 0)
                    b.push_back(p);
        auto e = make_budget_election(static_cast<std::int64_t>(5000 + rng() % 20000),
                                      std::move(projects), std::move(ballots));
        REQUIRE(e);
        auto approvals = count_approvals(*e);
        detail::mes_engine engine(*e, approvals);
        auto fast = engine.run(big_uint{});
        auto slow = reference_mes(*e, rational(big_uint(static_cast<std::uint64_t>(e->budget)),
                                               big_uint(e->ballots.size())));
        INFO("instance " << i);
        CHECK(fast.sequence == slow.sequence);
        CHECK(fast.sequence.size() >= 3);
    }
}

} // namespace tally_mes_test
