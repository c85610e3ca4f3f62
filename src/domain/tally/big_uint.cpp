#include "domain/tally/big_uint.hpp"

#include "domain/tally/limbs.hpp"

#include <algorithm>
#include <bit>
#include <cstdlib>

namespace asamblea::domain {

namespace {

using limbs::limb;
using limbs::wide;

// A wrong tally is worse than a stopped process, so broken preconditions stop even in release
// builds.
void require(bool condition) {
    if (!condition)
        std::abort();
}

} // namespace

big_uint::big_uint(std::uint64_t value) {
    if (value != 0)
        limbs_.push_back(value);
}

big_uint big_uint::from_limbs(std::span<const std::uint64_t> limbs) {
    big_uint r;
    r.limbs_.assign(limbs.begin(), limbs.end());
    r.trim();
    return r;
}

std::optional<big_uint> big_uint::from_string(std::string_view digits) {
    if (digits.empty())
        return std::nullopt;
    big_uint r;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        r *= 10;
        r += big_uint(static_cast<std::uint64_t>(c - '0'));
    }
    return r;
}

void big_uint::trim() {
    while (!limbs_.empty() && limbs_.back() == 0)
        limbs_.pop_back();
}

std::size_t big_uint::bit_width() const {
    if (limbs_.empty())
        return 0;
    return (limbs_.size() - 1) * 64 + static_cast<std::size_t>(std::bit_width(limbs_.back()));
}

std::optional<std::uint64_t> big_uint::to_u64() const {
    if (limbs_.size() > 1)
        return std::nullopt;
    return limbs_.empty() ? 0 : limbs_[0];
}

std::string big_uint::to_string() const {
    if (limbs_.empty())
        return "0";
    // Peel off 19 decimal digits at a time: 10^19 is the largest power of ten below 2^64.
    constexpr std::uint64_t chunk = 10'000'000'000'000'000'000ULL;
    big_uint v = *this;
    std::vector<std::uint64_t> parts;
    while (!v.is_zero())
        parts.push_back(v.div_small(chunk));
    std::string out = std::to_string(parts.back());
    for (std::size_t i = parts.size() - 1; i-- > 0;) {
        std::string p = std::to_string(parts[i]);
        out.append(19 - p.size(), '0');
        out += p;
    }
    return out;
}

std::strong_ordering operator<=>(const big_uint& a, const big_uint& b) {
    if (a.limbs_.size() != b.limbs_.size())
        return a.limbs_.size() <=> b.limbs_.size();
    int c = limbs::compare(a.limbs_.data(), b.limbs_.data(), a.limbs_.size());
    return c <=> 0;
}

big_uint& big_uint::operator+=(const big_uint& rhs) {
    if (limbs_.size() < rhs.limbs_.size())
        limbs_.resize(rhs.limbs_.size(), 0);
    limb carry = limbs::add(limbs_.data(), limbs_.data(), rhs.limbs_.data(), rhs.limbs_.size());
    carry = limbs::add_limb(limbs_.data() + rhs.limbs_.size(), limbs_.size() - rhs.limbs_.size(),
                            carry);
    if (carry != 0)
        limbs_.push_back(carry);
    return *this;
}

big_uint& big_uint::operator-=(const big_uint& rhs) {
    require(*this >= rhs);
    limb borrow = limbs::sub(limbs_.data(), limbs_.data(), rhs.limbs_.data(), rhs.limbs_.size());
    for (std::size_t i = rhs.limbs_.size(); borrow != 0 && i < limbs_.size(); ++i) {
        borrow = limbs_[i] == 0 ? 1 : 0;
        --limbs_[i];
    }
    trim();
    return *this;
}

big_uint& big_uint::operator*=(std::uint64_t m) {
    if (m == 0 || limbs_.empty()) {
        limbs_.clear();
        return *this;
    }
    limb carry = limbs::mul_small(limbs_.data(), limbs_.data(), limbs_.size(), m);
    if (carry != 0)
        limbs_.push_back(carry);
    return *this;
}

big_uint operator*(const big_uint& a, const big_uint& b) {
    if (a.is_zero() || b.is_zero())
        return {};
    big_uint r;
    r.limbs_.assign(a.limbs_.size() + b.limbs_.size(), 0);
    for (std::size_t j = 0; j < b.limbs_.size(); ++j) {
        r.limbs_[j + a.limbs_.size()] = limbs::add_mul_small(r.limbs_.data() + j, a.limbs_.data(),
                                                             a.limbs_.size(), b.limbs_[j]);
    }
    r.trim();
    return r;
}

big_uint& big_uint::operator*=(const big_uint& rhs) {
    *this = *this * rhs;
    return *this;
}

big_uint& big_uint::operator<<=(std::size_t bits) {
    if (limbs_.empty() || bits == 0)
        return *this;
    std::size_t whole = bits / 64;
    unsigned part = static_cast<unsigned>(bits % 64);
    if (part != 0) {
        limb carry = 0;
        for (auto& l : limbs_) {
            limb next = l >> (64 - part);
            l = (l << part) | carry;
            carry = next;
        }
        if (carry != 0)
            limbs_.push_back(carry);
    }
    limbs_.insert(limbs_.begin(), whole, 0);
    return *this;
}

big_uint& big_uint::operator>>=(std::size_t bits) {
    std::size_t whole = bits / 64;
    if (whole >= limbs_.size()) {
        limbs_.clear();
        return *this;
    }
    limbs_.erase(limbs_.begin(), limbs_.begin() + static_cast<std::ptrdiff_t>(whole));
    unsigned part = static_cast<unsigned>(bits % 64);
    if (part != 0) {
        for (std::size_t i = 0; i < limbs_.size(); ++i) {
            limb hi = i + 1 < limbs_.size() ? limbs_[i + 1] << (64 - part) : 0;
            limbs_[i] = (limbs_[i] >> part) | hi;
        }
    }
    trim();
    return *this;
}

std::uint64_t big_uint::div_small(std::uint64_t d) {
    require(d != 0);
    wide rem = 0;
    for (std::size_t i = limbs_.size(); i-- > 0;) {
        wide cur = (rem << 64) | limbs_[i];
        limbs_[i] = static_cast<limb>(cur / d);
        rem = cur % d;
    }
    trim();
    return static_cast<std::uint64_t>(rem);
}

std::uint64_t big_uint::mod_small(std::uint64_t d) const {
    require(d != 0);
    wide rem = 0;
    for (std::size_t i = limbs_.size(); i-- > 0;)
        rem = ((rem << 64) | limbs_[i]) % d;
    return static_cast<std::uint64_t>(rem);
}

// Knuth, TAOCP vol. 2, 4.3.1, Algorithm D, on 64-bit limbs with a 128-bit trial quotient.
std::pair<big_uint, big_uint> big_uint::divmod(const big_uint& a, const big_uint& b) {
    require(!b.is_zero());
    if (a < b)
        return {big_uint{}, a};
    if (b.limbs_.size() == 1) {
        big_uint q = a;
        std::uint64_t r = q.div_small(b.limbs_[0]);
        return {std::move(q), big_uint(r)};
    }
    // Normalize so the divisor's top limb has its high bit set; the trial quotient is then off by
    // at most two.
    unsigned shift = static_cast<unsigned>(std::countl_zero(b.limbs_.back()));
    big_uint v = b;
    v <<= shift;
    big_uint u = a;
    u <<= shift;
    const std::size_t n = v.limbs_.size();
    if (u.limbs_.size() == a.limbs_.size())
        u.limbs_.push_back(0);
    if (u.limbs_.size() < a.limbs_.size() + 1)
        u.limbs_.resize(a.limbs_.size() + 1, 0);
    const std::size_t m = u.limbs_.size() - n;
    big_uint q;
    q.limbs_.assign(m, 0);
    const limb vtop = v.limbs_[n - 1];
    const limb vnext = v.limbs_[n - 2];
    std::vector<limb> product(n + 1);
    for (std::size_t j = m; j-- > 0;) {
        wide num = (static_cast<wide>(u.limbs_[j + n]) << 64) | u.limbs_[j + n - 1];
        wide qhat = num / vtop;
        wide rhat = num % vtop;
        const wide base = static_cast<wide>(1) << 64;
        while (qhat >= base || qhat * vnext > ((rhat << 64) | u.limbs_[j + n - 2])) {
            --qhat;
            rhat += vtop;
            if (rhat >= base)
                break;
        }
        // u[j .. j+n] -= qhat * v
        product[n] = limbs::mul_small(product.data(), v.limbs_.data(), n, static_cast<limb>(qhat));
        limb borrow = limbs::sub(u.limbs_.data() + j, u.limbs_.data() + j, product.data(), n + 1);
        if (borrow != 0) {
            // qhat was one too large: add the divisor back.
            --qhat;
            limb carry = limbs::add(u.limbs_.data() + j, u.limbs_.data() + j, v.limbs_.data(), n);
            u.limbs_[j + n] += carry;
        }
        q.limbs_[j] = static_cast<limb>(qhat);
    }
    q.trim();
    u.limbs_.resize(n);
    u.trim();
    u >>= shift;
    return {std::move(q), std::move(u)};
}

big_uint gcd(big_uint a, big_uint b) {
    while (!b.is_zero()) {
        big_uint r = big_uint::divmod(a, b).second;
        a = std::move(b);
        b = std::move(r);
    }
    return a;
}

} // namespace asamblea::domain
