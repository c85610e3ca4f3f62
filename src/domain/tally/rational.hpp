#pragma once
/// A non-negative exact fraction over big_uint, always kept in lowest terms.

#include "domain/tally/big_uint.hpp"

#include <compare>
#include <cstdint>
#include <string>
#include <utility>

namespace asamblea::domain {

/// Exact non-negative rational number. Tallies only ever need money and loads, which are never
/// negative, so subtraction below zero is a precondition violation rather than a sign.
class rational {
public:
    rational() : den_(1) {}
    rational(std::uint64_t value) : num_(value), den_(1) {}       // NOLINT: integers are rationals
    rational(big_uint value) : num_(std::move(value)), den_(1) {} // NOLINT
    /// num/den in lowest terms; den must be non-zero.
    rational(big_uint num, big_uint den);

    const big_uint& num() const { return num_; }
    const big_uint& den() const { return den_; }
    bool is_zero() const { return num_.is_zero(); }
    /// "n" or "n/d".
    std::string to_string() const;
    /// Largest integer not above the value.
    big_uint floor() const { return num_ / den_; }

    friend bool operator==(const rational&, const rational&) = default;
    friend std::strong_ordering operator<=>(const rational& a, const rational& b);

    rational& operator+=(const rational& rhs);
    /// Requires *this >= rhs.
    rational& operator-=(const rational& rhs);
    rational& operator*=(const rational& rhs);
    /// Requires rhs != 0.
    rational& operator/=(const rational& rhs);

    friend rational operator+(rational a, const rational& b) { return a += b; }
    friend rational operator-(rational a, const rational& b) { return a -= b; }
    friend rational operator*(rational a, const rational& b) { return a *= b; }
    friend rational operator/(rational a, const rational& b) { return a /= b; }

private:
    void reduce();
    big_uint num_;
    big_uint den_;
};

} // namespace asamblea::domain
