#pragma once
/// A small arbitrary-precision unsigned integer: just enough for exact tally arithmetic.

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace asamblea::domain {

/// Unsigned integer of any size, stored as little-endian 64-bit limbs without leading zero limbs.
/// Subtraction below zero and division by zero are preconditions violations (they abort in debug
/// builds); the tally code proves them impossible where it calls them.
class big_uint {
public:
    big_uint() = default;
    big_uint(
        std::uint64_t value); // NOLINT(google-explicit-constructor): integers convert naturally
    /// Builds from raw little-endian limbs (leading zeros are dropped).
    static big_uint from_limbs(std::span<const std::uint64_t> limbs);
    /// Parses decimal digits only; nullopt on anything else or on an empty string.
    static std::optional<big_uint> from_string(std::string_view digits);

    bool is_zero() const { return limbs_.empty(); }
    std::size_t bit_width() const;
    std::span<const std::uint64_t> limbs() const { return limbs_; }
    /// The value when it fits in 64 bits.
    std::optional<std::uint64_t> to_u64() const;
    std::string to_string() const;

    friend bool operator==(const big_uint&, const big_uint&) = default;
    friend std::strong_ordering operator<=>(const big_uint& a, const big_uint& b);

    big_uint& operator+=(const big_uint& rhs);
    /// Requires *this >= rhs.
    big_uint& operator-=(const big_uint& rhs);
    big_uint& operator*=(std::uint64_t m);
    big_uint& operator*=(const big_uint& rhs);
    big_uint& operator<<=(std::size_t bits);
    big_uint& operator>>=(std::size_t bits);

    /// Divides in place by a non-zero limb and returns the remainder.
    std::uint64_t div_small(std::uint64_t d);
    /// Remainder of division by a non-zero limb, without changing the value.
    std::uint64_t mod_small(std::uint64_t d) const;
    /// Quotient and remainder; requires a non-zero divisor.
    static std::pair<big_uint, big_uint> divmod(const big_uint& a, const big_uint& b);

    friend big_uint operator+(big_uint a, const big_uint& b) { return a += b; }
    friend big_uint operator-(big_uint a, const big_uint& b) { return a -= b; }
    friend big_uint operator*(big_uint a, std::uint64_t m) { return a *= m; }
    friend big_uint operator*(const big_uint& a, const big_uint& b);
    friend big_uint operator/(const big_uint& a, const big_uint& b) { return divmod(a, b).first; }
    friend big_uint operator%(const big_uint& a, const big_uint& b) { return divmod(a, b).second; }

private:
    void trim();
    std::vector<std::uint64_t> limbs_;
};

/// Greatest common divisor; gcd(0, 0) is 0.
big_uint gcd(big_uint a, big_uint b);

} // namespace asamblea::domain
