// Times the budget rules on large random rounds: 100,000 approval ballots over 60 projects.
// Targets on the 2-core reference machine: MES under 1 s, greedy under 50 ms (Release build).
//
//   bench_tally [--voters N] [--projects M] [--runs R] [--seed S] [--add1]
#include "domain/tally/budget_tally.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace asamblea::domain;

namespace {

struct settings {
    std::size_t voters = 100'000;
    std::size_t projects = 60;
    int runs = 5;
    std::uint64_t seed = 1;
    bool add1 = false;
};

// Ballots shaped like a real round: each voter approves 1 to 10 projects, drawn with a skewed
// popularity; costs between $50,000 and $400,000; the budget covers about a third of all costs.
budget_election realistic(const settings& s, std::mt19937_64& rng) {
    std::vector<budget_project> projects;
    std::vector<double> popularity;
    std::int64_t total = 0;
    for (std::size_t p = 0; p < s.projects; ++p) {
        std::int64_t cost = (50'000 + static_cast<std::int64_t>(rng() % 350'001)) * 100; // centavos
        projects.push_back({std::to_string(p + 1), cost});
        popularity.push_back(1.0 / static_cast<double>(p + 1) + 0.05);
        total += cost;
    }
    std::discrete_distribution<std::uint32_t> pick(popularity.begin(), popularity.end());
    std::vector<approval_ballot> ballots(s.voters);
    for (auto& b : ballots) {
        std::size_t k = 1 + rng() % 10;
        while (b.size() < k) {
            auto p = pick(rng);
            if (std::find(b.begin(), b.end(), p) == b.end())
                b.push_back(p);
        }
    }
    auto e = make_budget_election(total / 3, std::move(projects), std::move(ballots));
    if (!e)
        std::abort();
    return *e;
}

// A stress shape: every voter approves each project with probability one half (30 per ballot).
budget_election dense(const settings& s, std::mt19937_64& rng) {
    std::vector<budget_project> projects;
    std::int64_t total = 0;
    for (std::size_t p = 0; p < s.projects; ++p) {
        std::int64_t cost = (50'000 + static_cast<std::int64_t>(rng() % 350'001)) * 100;
        projects.push_back({std::to_string(p + 1), cost});
        total += cost;
    }
    std::vector<approval_ballot> ballots(s.voters);
    for (auto& b : ballots) {
        for (std::uint32_t p = 0; p < s.projects; ++p)
            if (rng() & 1)
                b.push_back(p);
    }
    auto e = make_budget_election(total / 3, std::move(projects), std::move(ballots));
    if (!e)
        std::abort();
    return *e;
}

// One clinic's assembly: 150 attendees, 15 proposals between $20,000 and $300,000, a budget of
// $1,000,000 (the largest tier). The add-one completion matters here: it runs in one-peso steps.
budget_election assembly(std::mt19937_64& rng) {
    std::vector<budget_project> projects;
    std::vector<double> popularity;
    for (std::size_t p = 0; p < 15; ++p) {
        std::int64_t cost = (20'000 + static_cast<std::int64_t>(rng() % 280'001)) * 100;
        projects.push_back({std::to_string(p + 1), cost});
        popularity.push_back(1.0 / static_cast<double>(p + 1) + 0.1);
    }
    std::discrete_distribution<std::uint32_t> pick(popularity.begin(), popularity.end());
    std::vector<approval_ballot> ballots(150);
    for (auto& b : ballots) {
        std::size_t k = 1 + rng() % 5;
        while (b.size() < k) {
            auto p = pick(rng);
            if (std::find(b.begin(), b.end(), p) == b.end())
                b.push_back(p);
        }
    }
    auto e = make_budget_election(100'000'000, std::move(projects), std::move(ballots));
    if (!e)
        std::abort();
    return *e;
}

void time_rule(const char* shape, const budget_election& e, budget_rule rule, const settings& s,
               const budget_options& options = {}) {
    std::vector<double> ms;
    std::size_t selected = 0;
    std::int64_t steps = 0;
    for (int r = 0; r < s.runs; ++r) {
        auto start = std::chrono::steady_clock::now();
        auto t = tally_budget(e, rule, options);
        auto end = std::chrono::steady_clock::now();
        if (!t)
            std::abort();
        selected = t->selected.size();
        steps = t->voter_budget_steps;
        ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-10s %-16s min %9.2f ms  median %9.2f ms  (%zu selected", shape,
                std::string(to_string(rule)).c_str(), ms.front(), ms[ms.size() / 2], selected);
    if (rule == budget_rule::mes_add1 || rule == budget_rule::mes_add1_greedy)
        std::printf(", %lld add-one steps", static_cast<long long>(steps));
    std::printf(")\n");
}

} // namespace

int main(int argc, char** argv) {
    settings s;
    for (int i = 1; i < argc; ++i) {
        auto arg = [&](const char* name) {
            return std::strcmp(argv[i], name) == 0 && i + 1 < argc;
        };
        if (arg("--voters"))
            s.voters = std::strtoull(argv[++i], nullptr, 10);
        else if (arg("--projects"))
            s.projects = std::strtoull(argv[++i], nullptr, 10);
        else if (arg("--runs"))
            s.runs = std::max(1, std::atoi(argv[++i]));
        else if (arg("--seed"))
            s.seed = std::strtoull(argv[++i], nullptr, 10);
        else if (std::strcmp(argv[i], "--add1") == 0)
            s.add1 = true;
        else {
            std::fprintf(
                stderr,
                "usage: bench_tally [--voters N] [--projects M] [--runs R] [--seed S] [--add1]\n");
            return 2;
        }
    }
    std::printf("bench_tally: %zu ballots x %zu projects, %d runs each\n", s.voters, s.projects,
                s.runs);
    std::mt19937_64 rng(s.seed);
    auto r = realistic(s, rng);
    auto d = dense(s, rng);
    for (auto [shape, e] :
         {std::pair<const char*, const budget_election*>{"realistic", &r}, {"dense", &d}}) {
        time_rule(shape, *e, budget_rule::greedy, s);
        time_rule(shape, *e, budget_rule::mes, s);
        if (s.add1) // one peso per step, as the app uses with centavos
            time_rule(shape, *e, budget_rule::mes_add1_greedy, s, budget_options{100});
    }
    auto a = assembly(rng);
    for (auto rule : {budget_rule::greedy, budget_rule::mes, budget_rule::mes_add1_greedy})
        time_rule("assembly", a, rule, s, budget_options{100});
    return 0;
}
