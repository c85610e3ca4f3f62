#pragma once
/// Carry-propagating loops over 64-bit limbs, shared by big_uint and the hot MES loops.

#include <cstddef>
#include <cstdint>

namespace asamblea::domain::limbs {

using limb = std::uint64_t;
// GCC and Clang provide a 128-bit integer on every 64-bit target we build for; it is only ever used
// to hold the exact product of two limbs (at most (2^64-1)^2 + 2*(2^64-1) < 2^128), so it never
// overflows.
__extension__ using wide = unsigned __int128;

/// Three-way comparison of two n-limb numbers, starting at the most significant limb.
inline int compare(const limb* a, const limb* b, std::size_t n) {
    for (std::size_t i = n; i-- > 0;) {
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

/// r = a + b over n limbs; returns the carry out (0 or 1). r may alias a or b.
inline limb add(limb* r, const limb* a, const limb* b, std::size_t n) {
    limb carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
        wide s = static_cast<wide>(a[i]) + b[i] + carry;
        r[i] = static_cast<limb>(s);
        carry = static_cast<limb>(s >> 64);
    }
    return carry;
}

/// r = a - b over n limbs; returns the borrow out (0 or 1). r may alias a or b.
inline limb sub(limb* r, const limb* a, const limb* b, std::size_t n) {
    limb borrow = 0;
    for (std::size_t i = 0; i < n; ++i) {
        limb x = a[i];
        limb y = b[i];
        limb d = x - y - borrow;
        borrow = (x < y || (x == y && borrow)) ? 1 : 0;
        r[i] = d;
    }
    return borrow;
}

/// r = a * m over n limbs; returns the limb that does not fit. r may alias a.
inline limb mul_small(limb* r, const limb* a, std::size_t n, limb m) {
    limb carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
        wide p = static_cast<wide>(a[i]) * m + carry;
        r[i] = static_cast<limb>(p);
        carry = static_cast<limb>(p >> 64);
    }
    return carry;
}

/// r += a * m over n limbs; returns the limb carried out of position n-1.
inline limb add_mul_small(limb* r, const limb* a, std::size_t n, limb m) {
    limb carry = 0;
    for (std::size_t i = 0; i < n; ++i) {
        wide p = static_cast<wide>(a[i]) * m + r[i] + carry;
        r[i] = static_cast<limb>(p);
        carry = static_cast<limb>(p >> 64);
    }
    return carry;
}

/// Adds a single limb at position 0 of an n-limb number; returns the carry out.
inline limb add_limb(limb* r, std::size_t n, limb v) {
    for (std::size_t i = 0; i < n && v != 0; ++i) {
        r[i] += v;
        v = r[i] < v ? 1 : 0;
    }
    return v;
}

} // namespace asamblea::domain::limbs
