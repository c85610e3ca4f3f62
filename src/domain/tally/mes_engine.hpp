#pragma once
/// The Method of Equal Shares with cost utilities, in exact arithmetic.

#include "domain/tally/big_uint.hpp"
#include "domain/tally/budget_election.hpp"
#include "domain/tally/tie_rule.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace asamblea::domain::detail {

/// One MES computation over a fixed profile; run() may be called for several voter shares (the
/// add-one completion does).
///
/// Money is kept as integer numerators over one common denominator `den_` (initially the number of
/// voters). A payment whose denominator does not divide `den_` multiplies every numerator by the
/// missing factor, which is at most the number of voters, so `den_` grows by at most log2(voters)
/// bits per funded project and every comparison stays an integer comparison. Identical ballots are
/// grouped: they always hold the same money.
class mes_engine {
public:
    mes_engine(const budget_election& election, std::span<const std::int64_t> approvals);

    /// Why a project was not funded, when a tie had a part in it.
    struct lost_tie {
        std::uint32_t winner = 0;
        tie_criterion criterion = tie_criterion::smaller_id;
    };

    struct outcome {
        std::vector<std::uint32_t> sequence; // funded projects, in the order MES funded them
        std::int64_t spent = 0;
        std::vector<std::optional<lost_tie>> last_tie_lost; // per project: the last tie it lost
    };

    /// Runs MES where every voter starts with (budget + extra_per_voter * voters) / voters.
    outcome run(const big_uint& extra_per_voter);

private:
    using limb = std::uint64_t;

    struct afford {
        big_uint r;          // affordability = r / (den_ * q * cost); r is rescaled with den_
        std::uint64_t q = 1; // voters who pay the full share
    };

    limb* row(std::size_t group) { return rows_.data() + group * width_; }
    void ensure_width(const big_uint& bound);
    void rescale(std::uint64_t factor, std::vector<afford>& states, const std::vector<bool>& alive);
    std::optional<afford> evaluate(std::uint32_t project);
    bool afford_less(const afford& a, std::uint32_t pa, const afford& b, std::uint32_t pb);
    void pay(std::uint32_t project, const big_uint& share);

    const budget_election& election_;
    std::span<const std::int64_t> approvals_;
    std::uint64_t voters_ = 0;
    std::int64_t max_cost_ = 0;
    std::vector<std::uint64_t> weight_;                  // voters per group
    std::vector<std::vector<std::uint32_t>> supporters_; // groups per project

    big_uint den_;
    // Sizing of the fixed-width rows: a voter's money starts at (budget + extra * n) / n and only
    // decreases, and a cost is at most max_cost_, so every numerator over den_ stays below
    // bound_factor_ * den_ = max(budget + extra * n, max_cost_) * den_; rows get one spare bit on
    // top. Sums in evaluate() add at most 2 * voters (< 2^65) such values, so two extra limbs hold
    // them. rescale() grows the rows before multiplying, and aborts if a carry ever escapes.
    big_uint bound_factor_;
    std::size_t width_ = 0; // limbs per group
    std::vector<limb> rows_;
    std::vector<std::uint8_t> broke_; // the group has no money left

    // Scratch reused across evaluations.
    std::vector<std::uint32_t> cand_;
    std::vector<limb> target_, poor_, less_, fv_, lhs_, rhs_;
    std::uint64_t rng_ = 0;
};

} // namespace asamblea::domain::detail
