// Committee rules against the abcvoting reference instances in ../shared/abcvoting (read in place),
// and parity against brute force on small random instances.
#include "domain/tally/committee_tally.hpp"
#include "domain/tally/rational.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

using namespace asamblea::domain;
namespace fs = std::filesystem;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace tally_committee_test {

namespace {

// --- A reader for the small YAML subset of the abcvoting files: top-level scalars, flow lists of
// integers (possibly spanning lines), and `- rule_id: x` entries each followed by `result: [...]`.

struct nested {
    std::vector<nested> items;
    std::optional<long> value;
};

nested parse_flow(std::string_view text, std::size_t& pos) {
    auto skip = [&] {
        while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos])))
            ++pos;
    };
    skip();
    nested n;
    if (pos < text.size() && text[pos] == '[') {
        ++pos;
        skip();
        if (pos < text.size() && text[pos] == ']') {
            ++pos;
            return n;
        }
        for (;;) {
            n.items.push_back(parse_flow(text, pos));
            skip();
            REQUIRE(pos < text.size());
            if (text[pos] == ',') {
                ++pos;
                continue;
            }
            REQUIRE(text[pos] == ']');
            ++pos;
            return n;
        }
    }
    std::size_t start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])))
        ++pos;
    REQUIRE(pos > start);
    n.value = std::stol(std::string(text.substr(start, pos - start)));
    return n;
}

std::vector<std::uint32_t> as_set(const nested& n) {
    std::vector<std::uint32_t> out;
    for (const auto& i : n.items)
        out.push_back(static_cast<std::uint32_t>(*i.value));
    std::sort(out.begin(), out.end());
    return out;
}

struct abc_instance {
    std::vector<approval_ballot> profile;
    std::size_t num_cand = 0;
    std::size_t committeesize = 0;
    std::map<std::string, std::set<std::vector<std::uint32_t>>> accepted; // rule_id -> committees
};

abc_instance read_abc(const std::string& text) {
    abc_instance inst;
    auto value_after = [&](std::string_view key, std::size_t from) {
        auto at = text.find(key, from);
        REQUIRE(at != std::string::npos);
        return at + key.size();
    };
    std::size_t pos = value_after("\nprofile:", 0);
    for (const auto& ballot : parse_flow(text, pos).items)
        inst.profile.push_back(as_set(ballot));
    pos = value_after("\nnum_cand:", 0);
    inst.num_cand = static_cast<std::size_t>(*parse_flow(text, pos).value);
    pos = value_after("\ncommitteesize:", 0);
    inst.committeesize = static_cast<std::size_t>(*parse_flow(text, pos).value);
    for (std::size_t at = text.find("- rule_id:"); at != std::string::npos;
         at = text.find("- rule_id:", at + 1)) {
        std::size_t id_start = at + std::string_view("- rule_id:").size();
        std::size_t id_end = text.find('\n', id_start);
        std::string id(text.substr(id_start, id_end - id_start));
        id.erase(
            std::remove_if(id.begin(), id.end(), [](unsigned char c) { return std::isspace(c); }),
            id.end());
        std::size_t r = value_after("result:", id_end);
        if (text.find_first_not_of(" \t", r) == text.find('\n', r))
            continue; // `result:` with nothing after it is YAML null: the rule was not computed
        for (const auto& committee : parse_flow(text, r).items)
            inst.accepted[id].insert(as_set(committee));
    }
    return inst;
}

std::vector<committee_candidate> numbered(std::size_t n,
                                          const std::vector<std::string>& sexes = {}) {
    std::vector<committee_candidate> c;
    for (std::size_t i = 0; i < n; ++i)
        c.push_back({std::to_string(i), sexes.empty() ? "" : sexes[i]});
    return c;
}

std::vector<std::uint32_t> committee_set(const committee_tally& t) {
    std::vector<std::uint32_t> out;
    for (const auto& id : t.elected)
        out.push_back(static_cast<std::uint32_t>(std::stoul(id)));
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE("av and seqphragmen return a committee abcvoting accepts, on every reference instance") {
    const fs::path dir = fs::path(ASAMBLEA_SHARED_DIR) / "abcvoting";
    if (!fs::exists(dir)) {
        MESSAGE("skipped: " << dir.string() << " is absent");
        return;
    }
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.path().string().ends_with(".abc.yaml"))
            continue;
        std::ifstream in(entry.path());
        std::ostringstream s;
        s << in.rdbuf();
        auto inst = read_abc(s.str());
        for (auto [rule, id] :
             {std::pair{committee_rule::av, "av"}, {committee_rule::seqphragmen, "seqphragmen"}}) {
            INFO(entry.path().filename().string() << " " << id);
            REQUIRE(inst.accepted.contains(id));
            auto t = tally_committee(numbered(inst.num_cand), inst.profile, rule,
                                     {inst.committeesize, false});
            REQUIRE(t);
            CHECK(t->unfilled_seats == 0);
            CHECK(inst.accepted[id].contains(committee_set(*t)));
            ++checked;
        }
    }
    CHECK(checked == 100);
}

namespace {

struct random_instance {
    std::vector<committee_candidate> candidates;
    std::vector<approval_ballot> ballots;
    std::size_t seats = 0;
};

random_instance random_committee_instance(std::mt19937_64& rng) {
    random_instance r;
    const std::size_t n = 2 + rng() % 7;
    const int skew = static_cast<int>(rng() % 4); // sometimes one sex dominates, or stands alone
    for (std::size_t c = 0; c < n; ++c) {
        bool female = skew == 0 ? true : (rng() % (skew + 1) != 0);
        r.candidates.push_back({std::to_string(c), female ? "F" : "M"});
    }
    r.seats = 1 + rng() % std::min<std::size_t>(n, 5);
    const std::size_t voters = rng() % 11;
    for (std::size_t v = 0; v < voters; ++v) {
        approval_ballot b;
        for (std::uint32_t c = 0; c < n; ++c)
            if (rng() % 3 == 0)
                b.push_back(c);
        r.ballots.push_back(b);
    }
    return r;
}

std::vector<std::vector<std::size_t>> subsets_with_parity(const random_instance& r) {
    const std::size_t n = r.candidates.size();
    const std::size_t cap = (r.seats + 1) / 2;
    std::vector<std::vector<std::size_t>> out;
    for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
        std::vector<std::size_t> s;
        std::map<std::string, std::size_t> per_sex;
        bool ok = true;
        for (std::size_t c = 0; c < n; ++c) {
            if (mask & (1u << c)) {
                s.push_back(c);
                ok = ok && ++per_sex[r.candidates[c].sex] <= cap;
            }
        }
        if (ok && s.size() <= r.seats)
            out.push_back(s);
    }
    return out;
}

std::vector<std::size_t> indices_of(const committee_tally& t) {
    std::vector<std::size_t> out;
    for (const auto& id : t.elected)
        out.push_back(std::stoul(id));
    std::sort(out.begin(), out.end());
    return out;
}

// Sequential Phragmén with parity by its definition, per voter and unoptimised: does `w` come out
// when every step picks the allowed candidate of least new maximal load (ties: smaller id)?
bool phragmen_with_parity_picks(const random_instance& r, const std::vector<std::size_t>& w) {
    const std::size_t n = r.candidates.size();
    const std::size_t cap = (r.seats + 1) / 2;
    std::vector<rational> loadv(r.ballots.size());
    std::vector<bool> in(n, false);
    std::map<std::string, std::size_t> per_sex;
    for (std::size_t step = 0; step < w.size(); ++step) {
        std::optional<std::size_t> best;
        std::optional<rational> best_score; // nullopt: no approvers (worst)
        for (std::size_t c = 0; c < n; ++c) {
            if (in[c] || per_sex[r.candidates[c].sex] >= cap)
                continue;
            std::optional<rational> score;
            rational sum(1);
            std::uint64_t k = 0;
            for (std::size_t v = 0; v < r.ballots.size(); ++v) {
                if (std::find(r.ballots[v].begin(), r.ballots[v].end(), c) != r.ballots[v].end()) {
                    sum += loadv[v];
                    ++k;
                }
            }
            if (k > 0)
                score = sum / rational(k);
            bool better = !best || (score && (!best_score || *score < *best_score)); // ids ascend
            if (better) {
                best = c;
                best_score = score;
            }
        }
        if (!best || std::find(w.begin(), w.end(), *best) == w.end())
            return false;
        in[*best] = true;
        ++per_sex[r.candidates[*best].sex];
        for (std::size_t v = 0; v < r.ballots.size(); ++v)
            if (best_score &&
                std::find(r.ballots[v].begin(), r.ballots[v].end(), *best) != r.ballots[v].end())
                loadv[v] = *best_score;
    }
    return true;
}

} // namespace

TEST_CASE("av with parity is the best committee parity allows (brute force)") {
    std::mt19937_64 rng(17);
    for (int i = 0; i < 1500; ++i) {
        auto r = random_committee_instance(rng);
        auto t = tally_committee(r.candidates, r.ballots, committee_rule::av, {r.seats, true});
        REQUIRE(t);
        std::vector<std::int64_t> approvals(r.candidates.size(), 0);
        for (const auto& b : r.ballots)
            for (auto c : b)
                ++approvals[c];
        // Rank: most approvals first, then smaller id (ids are 0..n-1, numeric).
        auto rank_of = [&](std::size_t c) {
            std::size_t rank = 0;
            for (std::size_t d = 0; d < r.candidates.size(); ++d)
                if (approvals[d] > approvals[c] || (approvals[d] == approvals[c] && d < c))
                    ++rank;
            return rank;
        };
        auto sorted_ranks = [&](const std::vector<std::size_t>& s) {
            std::vector<std::size_t> ranks;
            for (auto c : s)
                ranks.push_back(rank_of(c));
            std::sort(ranks.begin(), ranks.end());
            return ranks;
        };
        auto score = [&](const std::vector<std::size_t>& s) {
            std::int64_t sum = 0;
            for (auto c : s)
                sum += approvals[c];
            return sum;
        };
        auto all = subsets_with_parity(r);
        std::size_t max_size = 0;
        for (const auto& s : all)
            max_size = std::max(max_size, s.size());
        auto ours = indices_of(*t);
        INFO("instance " << i);
        // Parity holds, and no more seats could have been filled.
        CHECK(std::find(all.begin(), all.end(), ours) != all.end());
        CHECK(ours.size() == max_size);
        CHECK(t->unfilled_seats == r.seats - max_size);
        // Parity-feasible committees form a matroid, so skipping in rank order is optimal: ours has
        // the best total approval, and its k-th best member is at least as good as the k-th best
        // member of any feasible committee (Gale optimality), which pins down the tie rule too.
        const auto our_ranks = sorted_ranks(ours);
        for (const auto& s : all) {
            if (s.size() != max_size)
                continue;
            CHECK(score(ours) >= score(s));
            const auto their_ranks = sorted_ranks(s);
            for (std::size_t k = 0; k < max_size; ++k)
                CHECK(our_ranks[k] <= their_ranks[k]);
        }
    }
}

TEST_CASE("seqphragmen with parity is the one committee its definition picks (brute force)") {
    std::mt19937_64 rng(23);
    int binding = 0;
    for (int i = 0; i < 1000; ++i) {
        auto r = random_committee_instance(rng);
        auto t =
            tally_committee(r.candidates, r.ballots, committee_rule::seqphragmen, {r.seats, true});
        REQUIRE(t);
        auto all = subsets_with_parity(r);
        std::size_t max_size = 0;
        for (const auto& s : all)
            max_size = std::max(max_size, s.size());
        auto ours = indices_of(*t);
        INFO("instance " << i);
        CHECK(ours.size() == max_size);
        // Among every committee parity allows, exactly one passes the step-by-step definition:
        // ours.
        int accepted = 0;
        for (const auto& s : all) {
            if (s.size() == max_size && phragmen_with_parity_picks(r, s)) {
                ++accepted;
                CHECK(s == ours);
            }
        }
        CHECK(accepted == 1);
        // When the unconstrained committee already respects parity, parity changes nothing.
        auto free =
            tally_committee(r.candidates, r.ballots, committee_rule::seqphragmen, {r.seats, false});
        REQUIRE(free);
        auto free_set = indices_of(*free);
        if (std::find(all.begin(), all.end(), free_set) != all.end())
            CHECK(free->elected == t->elected);
        else
            ++binding;
    }
    CHECK(binding > 50); // parity really bound in many instances
}

TEST_CASE("av: parity skips over-represented candidates and says so") {
    std::vector<committee_candidate> c{{"a", "F"}, {"b", "F"}, {"c", "F"}, {"d", "M"}};
    std::vector<approval_ballot> ballots{{0, 1, 2}, {0, 1, 2}, {0, 1, 2}, {0, 1}, {0, 3}};
    auto t = tally_committee(c, ballots, committee_rule::av, {3, true});
    REQUIRE(t);
    CHECK(t->elected == std::vector<std::string>{"a", "b", "d"});
    CHECK(t->candidates[2].status == candidate_status::skipped_for_parity);
    CHECK(explain(t->candidates[2]) == "Se omitió por paridad: el sexo «F» ya tenía todos los "
                                       "lugares que permite la paridad (3 votos)");
    CHECK(explain(t->candidates[3]) == "Obtuvo el lugar 3 con 1 voto");
    CHECK(explain(*t) == "Se ocuparon 3 de 3 lugares.");

    auto plain = tally_committee(c, ballots, committee_rule::av, {3, false});
    REQUIRE(plain);
    CHECK(plain->elected == std::vector<std::string>{"a", "b", "c"});
    CHECK(explain(plain->candidates[3]) == "No alcanzó lugar: 1 voto");

    std::vector<committee_candidate> only_f{{"a", "F"}, {"b", "F"}, {"c", "F"}};
    t = tally_committee(only_f, {{0, 1, 2}, {2}}, committee_rule::seqphragmen, {3, true});
    REQUIRE(t);
    CHECK(t->elected.size() == 2);
    CHECK(t->unfilled_seats == 1);
    CHECK(explain(*t) == "Se ocuparon 2 de 3 lugares. No hubo suficientes candidaturas para ocupar "
                         "1 lugar respetando la paridad.");
}

TEST_CASE("committee ties go to the smaller id, numeric ids as numbers") {
    auto t = tally_committee({{"10", ""}, {"9", ""}, {"x", ""}}, {{0, 1, 2}}, committee_rule::av,
                             {1, false});
    REQUIRE(t);
    CHECK(t->elected == std::vector<std::string>{"9"});
    t = tally_committee({{"10", ""}, {"9", ""}}, {{0, 1}}, committee_rule::seqphragmen, {1, false});
    REQUIRE(t);
    CHECK(t->elected == std::vector<std::string>{"9"});
}

TEST_CASE("committee input errors") {
    CHECK_FALSE(tally_committee({}, {}, committee_rule::av, {1, false}));
    CHECK_FALSE(tally_committee({{"a", ""}}, {}, committee_rule::av, {0, false}));
    CHECK_FALSE(tally_committee({{"a", ""}, {"a", ""}}, {}, committee_rule::av, {1, false}));
    CHECK_FALSE(tally_committee({{"a", ""}}, {}, committee_rule::av, {1, true}));
    CHECK_FALSE(tally_committee({{"a", "F"}}, {{1}}, committee_rule::av, {1, false}));
    CHECK(parse_committee_rule("seqphragmen") == committee_rule::seqphragmen);
    CHECK_FALSE(parse_committee_rule("pav"));
}

} // namespace tally_committee_test
