#include "domain/tally/rational.hpp"

#include <cstdlib>

namespace asamblea::domain {

rational::rational(big_uint num, big_uint den) : num_(std::move(num)), den_(std::move(den)) {
    if (den_.is_zero())
        std::abort(); // a zero denominator is a bug in the caller, never an input error
    reduce();
}

void rational::reduce() {
    if (num_.is_zero()) {
        den_ = big_uint(1);
        return;
    }
    big_uint g = gcd(num_, den_);
    if (g != big_uint(1)) {
        num_ = num_ / g;
        den_ = den_ / g;
    }
}

std::string rational::to_string() const {
    if (den_ == big_uint(1))
        return num_.to_string();
    return num_.to_string() + "/" + den_.to_string();
}

std::strong_ordering operator<=>(const rational& a, const rational& b) {
    if (a.den_ == b.den_)
        return a.num_ <=> b.num_;
    return a.num_ * b.den_ <=> b.num_ * a.den_;
}

rational& rational::operator+=(const rational& rhs) {
    if (den_ == rhs.den_) {
        num_ += rhs.num_;
    } else {
        num_ = num_ * rhs.den_ + rhs.num_ * den_;
        den_ *= rhs.den_;
    }
    reduce();
    return *this;
}

rational& rational::operator-=(const rational& rhs) {
    if (den_ == rhs.den_) {
        num_ -= rhs.num_;
    } else {
        num_ = num_ * rhs.den_ - rhs.num_ * den_;
        den_ *= rhs.den_;
    }
    reduce();
    return *this;
}

rational& rational::operator*=(const rational& rhs) {
    num_ *= rhs.num_;
    den_ *= rhs.den_;
    reduce();
    return *this;
}

rational& rational::operator/=(const rational& rhs) {
    if (rhs.num_.is_zero())
        std::abort();
    num_ *= rhs.den_;
    den_ *= rhs.num_;
    reduce();
    return *this;
}

} // namespace asamblea::domain
