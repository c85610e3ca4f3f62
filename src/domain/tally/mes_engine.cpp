#include "domain/tally/mes_engine.hpp"

#include "domain/tally/limbs.hpp"

#include <algorithm>
#include <cstdlib>
#include <numeric>

namespace asamblea::domain::detail {

namespace {

void invariant(bool condition) {
    if (!condition)
        std::abort(); // an arithmetic invariant broke: better no tally than a wrong one
}

// Writes `value` into a fixed-width buffer; it must fit.
void store(std::vector<std::uint64_t>& buf, const big_uint& value) {
    auto l = value.limbs();
    invariant(l.size() <= buf.size());
    std::fill(buf.begin(), buf.end(), 0);
    std::copy(l.begin(), l.end(), buf.begin());
}

} // namespace

mes_engine::mes_engine(const budget_election& election, std::span<const std::int64_t> approvals)
    : election_(election), approvals_(approvals), voters_(election.ballots.size()),
      supporters_(election.projects.size()) {
    for (const auto& p : election.projects)
        max_cost_ = std::max(max_cost_, p.cost);
    std::vector<std::uint32_t> order;
    order.reserve(election.ballots.size());
    for (std::size_t i = 0; i < election.ballots.size(); ++i) {
        if (!election.ballots[i].empty())
            order.push_back(static_cast<std::uint32_t>(i));
    }
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return election.ballots[a] < election.ballots[b];
    });
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && election.ballots[order[j]] == election.ballots[order[i]])
            ++j;
        auto group = static_cast<std::uint32_t>(weight_.size());
        weight_.push_back(j - i);
        for (auto p : election.ballots[order[i]])
            supporters_[p].push_back(group);
        i = j;
    }
}

void mes_engine::ensure_width(const big_uint& bound) {
    std::size_t need = (bound.bit_width() + 64) / 64; // one spare bit keeps sums of two in range
    if (need <= width_)
        return;
    std::vector<limb> wider(weight_.size() * need, 0);
    for (std::size_t g = 0; g < weight_.size(); ++g)
        std::copy_n(rows_.data() + g * width_, width_, wider.data() + g * need);
    rows_ = std::move(wider);
    width_ = need;
}

void mes_engine::rescale(std::uint64_t factor, std::vector<afford>& states,
                         const std::vector<bool>& alive) {
    den_ *= factor;
    ensure_width(bound_factor_ * den_);
    for (std::size_t g = 0; g < weight_.size(); ++g) {
        if (!broke_[g])
            invariant(limbs::mul_small(row(g), row(g), width_, factor) == 0);
    }
    for (std::size_t p = 0; p < states.size(); ++p) {
        if (alive[p])
            states[p].r *= factor;
    }
}

bool mes_engine::afford_less(const afford& a, std::uint32_t pa, const afford& b, std::uint32_t pb) {
    // a.r / (den q_a c_a) < b.r / (den q_b c_b)  <=>  a.r q_b c_b < b.r q_a c_a. This is the
    // hottest comparison for small rounds, so the products go to reused buffers.
    auto product = [](std::vector<limb>& out, const big_uint& r, std::uint64_t x, std::uint64_t y,
                      std::size_t size) {
        auto l = r.limbs();
        out.assign(size, 0);
        std::copy(l.begin(), l.end(), out.begin());
        limbs::mul_small(out.data(), out.data(), size, x);
        limbs::mul_small(out.data(), out.data(), size, y);
    };
    const std::size_t size = std::max(a.r.limbs().size(), b.r.limbs().size()) + 2;
    product(lhs_, a.r, b.q, static_cast<std::uint64_t>(election_.projects[pb].cost), size);
    product(rhs_, b.r, a.q, static_cast<std::uint64_t>(election_.projects[pa].cost), size);
    return limbs::compare(lhs_.data(), rhs_.data(), size) < 0;
}

// The smallest per-voter share rho with sum over supporters of min(money, rho) = cost, or nothing
// when the supporters together hold less than the cost. Voters holding less than rho pay all they
// have (the "poor"); the rest pay rho. This is pabutools' sorted scan, done by selection instead of
// sorting so each evaluation is linear in the number of supporting groups on average.
std::optional<mes_engine::afford> mes_engine::evaluate(std::uint32_t project) {
    const std::size_t w2 = width_ + 2;
    const big_uint target = den_ * static_cast<std::uint64_t>(election_.projects[project].cost);
    cand_.clear();
    std::uint64_t count = 0;
    const limb* least = nullptr;
    for (auto g : supporters_[project]) {
        if (broke_[g])
            continue;
        cand_.push_back(g);
        count += weight_[g];
        if (least == nullptr || limbs::compare(row(g), least, width_) < 0)
            least = row(g);
    }
    if (cand_.empty())
        return std::nullopt;

    target_.assign(w2, 0);
    store(target_, target);
    // Common case: everyone can pay an equal share (cost / count <= least money).
    fv_.assign(w2, 0);
    std::copy_n(least, width_, fv_.begin());
    fv_[width_] = limbs::mul_small(fv_.data(), fv_.data(), width_, count);
    if (limbs::compare(target_.data(), fv_.data(), w2) <= 0)
        return afford{target, count};

    // f(v) = sum of min(money, v) is increasing; find where it reaches the cost by quickselect on
    // the candidates, classifying each as poor (money < rho) or rich (money >= rho).
    poor_.assign(w2, 0);
    std::uint64_t rich = 0;
    std::size_t lo = 0;
    std::size_t hi = cand_.size();
    while (lo < hi) {
        rng_ ^= rng_ << 13;
        rng_ ^= rng_ >> 7;
        rng_ ^= rng_ << 17;
        const limb* pivot = row(cand_[lo + rng_ % (hi - lo)]);
        less_.assign(w2, 0);
        std::uint64_t eq_count = 0;
        std::uint64_t gt_count = 0;
        std::size_t lt = lo;
        std::size_t i = lo;
        std::size_t gt = hi;
        while (i < gt) {
            auto g = cand_[i];
            int c = limbs::compare(row(g), pivot, width_);
            if (c < 0) {
                limb carry = limbs::add_mul_small(less_.data(), row(g), width_, weight_[g]);
                limbs::add_limb(less_.data() + width_, 2, carry);
                std::swap(cand_[lt++], cand_[i++]);
            } else if (c > 0) {
                gt_count += weight_[g];
                std::swap(cand_[i], cand_[--gt]);
            } else {
                eq_count += weight_[g];
                ++i;
            }
        }
        // fv = poor + less + pivot * (everyone at or above the pivot)
        limbs::add(fv_.data(), poor_.data(), less_.data(), w2);
        limb carry = limbs::add_mul_small(fv_.data(), pivot, width_, rich + eq_count + gt_count);
        limbs::add_limb(fv_.data() + width_, 2, carry);
        if (limbs::compare(fv_.data(), target_.data(), w2) >= 0) {
            rich += eq_count + gt_count; // rho <= pivot: everyone at or above it pays rho
            hi = lt;
        } else {
            limbs::add(poor_.data(), poor_.data(), less_.data(), w2); // rho > pivot
            carry = limbs::add_mul_small(poor_.data(), pivot, width_, eq_count);
            limbs::add_limb(poor_.data() + width_, 2, carry);
            lo = gt;
        }
    }
    if (rich == 0)
        return std::nullopt;
    big_uint r = target - big_uint::from_limbs(poor_);
    return afford{std::move(r), rich};
}

void mes_engine::pay(std::uint32_t project, const big_uint& share) {
    std::vector<limb> s(width_, 0);
    store(s, share);
    for (auto g : supporters_[project]) {
        if (broke_[g])
            continue;
        limb* m = row(g);
        if (limbs::compare(m, s.data(), width_) <= 0) {
            std::fill_n(m, width_, 0);
            broke_[g] = 1;
        } else {
            limbs::sub(m, m, s.data(), width_);
        }
    }
}

mes_engine::outcome mes_engine::run(const big_uint& extra_per_voter) {
    const std::size_t n_projects = election_.projects.size();
    outcome out;
    out.last_tie_lost.assign(n_projects, std::nullopt);
    rng_ = 0x9E3779B97F4A7C15ULL;

    std::vector<bool> alive(n_projects, false);
    std::vector<std::uint32_t> free_projects;
    for (std::uint32_t p = 0; p < n_projects; ++p) {
        if (approvals_[p] <= 0)
            continue;
        if (election_.projects[p].cost == 0)
            free_projects.push_back(p);
        else
            alive[p] = true;
    }
    // Supported projects that cost nothing are funded up front, as pabutools does.
    std::sort(free_projects.begin(), free_projects.end(), [&](std::uint32_t a, std::uint32_t b) {
        return wins_tie({0, approvals_[a], election_.projects[a].id},
                        {0, approvals_[b], election_.projects[b].id});
    });
    out.sequence = free_projects;
    if (voters_ == 0)
        return out;

    // Every voter starts with (budget + extra * n) / n: numerator over den_ = n.
    den_ = big_uint(voters_);
    big_uint start =
        extra_per_voter * voters_ + big_uint(static_cast<std::uint64_t>(election_.budget));
    bound_factor_ = std::max(start, big_uint(static_cast<std::uint64_t>(max_cost_)));
    width_ = 0;
    rows_.clear();
    ensure_width(bound_factor_ * den_);
    broke_.assign(weight_.size(), start.is_zero() ? 1 : 0);
    for (std::size_t g = 0; g < weight_.size(); ++g) {
        auto l = start.limbs();
        std::copy(l.begin(), l.end(), row(g));
    }

    // Lower bounds on each project's affordability: money only ever decreases, so the last value
    // computed for a project (initially cost / approvals) never overstates how good it is.
    std::vector<afford> states(n_projects);
    for (std::uint32_t p = 0; p < n_projects; ++p) {
        if (alive[p])
            states[p] = afford{den_ * static_cast<std::uint64_t>(election_.projects[p].cost),
                               static_cast<std::uint64_t>(approvals_[p])};
    }

    // Projects still in play, by lower bound. A round only raises the bounds it evaluates and a
    // rescale multiplies every bound alike, so the rest stays sorted and only the evaluated ones
    // are put back in place (pabutools re-sorts everything each round; the outcome is the same).
    auto bound_less = [&](std::uint32_t a, std::uint32_t b) {
        return afford_less(states[a], a, states[b], b);
    };
    std::vector<std::uint32_t> order;
    for (std::uint32_t p = 0; p < n_projects; ++p) {
        if (alive[p])
            order.push_back(p);
    }
    std::sort(order.begin(), order.end(), bound_less);
    std::vector<std::uint32_t> tied;
    std::vector<std::uint32_t> touched;
    for (;;) {
        tied.clear();
        std::size_t visited = 0;
        for (; visited < order.size(); ++visited) {
            auto p = order[visited];
            if (!tied.empty() && bound_less(tied.front(), p))
                break; // even its lower bound is worse than the best found this round
            auto a = evaluate(p);
            if (!a) {
                alive[p] = false; // its supporters together no longer hold its cost
                continue;
            }
            states[p] = std::move(*a);
            if (tied.empty() || bound_less(p, tied.front()))
                tied.assign(1, p);
            else if (!bound_less(tied.front(), p))
                tied.push_back(p);
        }
        if (tied.empty())
            break;

        auto key = [&](std::uint32_t p) {
            return tie_key{election_.projects[p].cost, approvals_[p], election_.projects[p].id};
        };
        std::uint32_t winner = tied.front();
        for (auto p : tied) {
            if (wins_tie(key(p), key(winner)))
                winner = p;
        }
        for (auto p : tied) {
            if (p == winner)
                continue;
            tie_criterion c{};
            wins_tie(key(winner), key(p), &c);
            out.last_tie_lost[p] = lost_tie{winner, c};
        }

        // The share is r / (den q); make it a whole numerator over den first.
        afford& a = states[winner];
        std::uint64_t rem = a.r.mod_small(a.q);
        std::uint64_t factor = a.q / std::gcd(rem, a.q);
        if (factor > 1)
            rescale(factor, states, alive);
        big_uint share = a.r;
        invariant(share.div_small(a.q) == 0);
        pay(winner, share);
        alive[winner] = false;
        out.sequence.push_back(winner);

        touched.clear();
        for (std::size_t i = 0; i < visited; ++i) {
            if (alive[order[i]])
                touched.push_back(order[i]);
        }
        order.erase(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(visited));
        for (auto p : touched)
            order.insert(std::upper_bound(order.begin(), order.end(), p, bound_less), p);
    }
    for (auto p : out.sequence)
        out.spent += election_.projects[p].cost;
    return out;
}

} // namespace asamblea::domain::detail
