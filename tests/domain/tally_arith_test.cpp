// big_uint and rational checked against 128-bit arithmetic and against their own identities.
#include "domain/tally/big_uint.hpp"
#include "domain/tally/rational.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace tally_arith_test {

namespace {

__extension__ using u128 = unsigned __int128;

big_uint from_u128(u128 v) {
    return big_uint::from_limbs(std::vector<std::uint64_t>{static_cast<std::uint64_t>(v),
                                                           static_cast<std::uint64_t>(v >> 64)});
}

big_uint random_big(std::mt19937_64& rng, std::size_t max_limbs) {
    std::vector<std::uint64_t> l(1 + rng() % max_limbs);
    for (auto& x : l) {
        switch (rng() % 4) { // mix in edge limbs so carries and borrows get exercised
        case 0:
            x = ~0ULL;
            break;
        case 1:
            x = 0;
            break;
        default:
            x = rng();
        }
    }
    return big_uint::from_limbs(l);
}

} // namespace

TEST_CASE("big_uint agrees with 128-bit arithmetic") {
    std::mt19937_64 rng(7);
    for (int i = 0; i < 20000; ++i) {
        u128 a = (static_cast<u128>(rng() >> (rng() % 64)) << 64 >> (rng() % 64)) |
                 (rng() >> (rng() % 64));
        u128 b = rng() >> (rng() % 64);
        if (i % 3 == 0)
            b |= static_cast<u128>(rng() >> (rng() % 64)) << 32;
        big_uint A = from_u128(a);
        big_uint B = from_u128(b);
        CHECK((A < B) == (a < b));
        CHECK((A == B) == (a == b));
        if (a <= ~static_cast<u128>(0) - b)
            CHECK(A + B == from_u128(a + b));
        if (a >= b)
            CHECK(A - B == from_u128(a - b));
        if (b != 0) {
            auto [q, r] = big_uint::divmod(A, B);
            CHECK(q == from_u128(a / b));
            CHECK(r == from_u128(a % b));
        }
        std::uint64_t m = rng() >> 40;
        if (m == 0 || a <= ~static_cast<u128>(0) / m)
            CHECK(A * m == from_u128(a * m));
        if (m != 0) {
            CHECK(A.mod_small(m) == static_cast<std::uint64_t>(a % m));
            big_uint Q = A;
            CHECK(Q.div_small(m) == static_cast<std::uint64_t>(a % m));
            CHECK(Q == from_u128(a / m));
        }
        CHECK(A.to_string() == [&] {
            std::string s;
            u128 v = a;
            do {
                s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
                v /= 10;
            } while (v != 0);
            return s;
        }());
    }
}

TEST_CASE("big_uint division identity on multi-limb numbers") {
    std::mt19937_64 rng(11);
    for (int i = 0; i < 3000; ++i) {
        big_uint a = random_big(rng, 8);
        big_uint b = random_big(rng, 5);
        if (b.is_zero())
            b = big_uint(1);
        auto [q, r] = big_uint::divmod(a, b);
        CHECK(r < b);
        CHECK(q * b + r == a);
        CHECK((a * b) / b == a);
        CHECK((a + b) - b == a);
        auto s = rng() % 200;
        big_uint shifted = a;
        shifted <<= s;
        big_uint back = shifted;
        back >>= s;
        CHECK(back == a);
        CHECK(big_uint::from_string(a.to_string()) == a);
    }
}

TEST_CASE("big_uint basics and parsing") {
    CHECK(big_uint().is_zero());
    CHECK(big_uint(0).to_string() == "0");
    CHECK(big_uint(10).bit_width() == 4);
    CHECK(big_uint::from_string("340282366920938463463374607431768211456")->bit_width() == 129);
    CHECK_FALSE(big_uint::from_string(""));
    CHECK_FALSE(big_uint::from_string("12a"));
    CHECK(big_uint::from_string("18446744073709551616")->to_u64() == std::nullopt);
    CHECK(big_uint::from_string("18446744073709551615")->to_u64() == ~0ULL);
    CHECK(gcd(big_uint(84), big_uint(36)) == big_uint(12));
    CHECK(gcd(big_uint(0), big_uint(5)) == big_uint(5));
    CHECK(gcd(big_uint(0), big_uint(0)) == big_uint(0));
}

TEST_CASE("rational keeps lowest terms and orders exactly") {
    rational third(big_uint(1), big_uint(3));
    rational sixth(big_uint(2), big_uint(12));
    CHECK(sixth.to_string() == "1/6");
    CHECK(third + sixth == rational(big_uint(1), big_uint(2)));
    CHECK(third - sixth == sixth);
    CHECK(third * rational(3) == rational(1));
    CHECK(third / sixth == rational(2));
    CHECK(sixth < third);
    CHECK(rational(big_uint(0), big_uint(7)).den() == big_uint(1));
    CHECK(rational(big_uint(7), big_uint(2)).floor() == big_uint(3));

    // 1/2 + 1/3 + ... + 1/40 accumulated and taken apart again must come back exactly.
    rational sum;
    for (std::uint64_t k = 2; k <= 40; ++k)
        sum += rational(big_uint(1), big_uint(k));
    for (std::uint64_t k = 40; k >= 2; --k)
        sum -= rational(big_uint(1), big_uint(k));
    CHECK(sum.is_zero());
}

TEST_CASE("rational comparison against cross multiplication in 128 bits") {
    std::mt19937_64 rng(3);
    for (int i = 0; i < 5000; ++i) {
        std::uint64_t a = rng() >> 20, b = (rng() >> 20) | 1, c = rng() >> 20,
                      d = (rng() >> 20) | 1;
        rational x{big_uint(a), big_uint(b)};
        rational y{big_uint(c), big_uint(d)};
        u128 l = static_cast<u128>(a) * d;
        u128 r = static_cast<u128>(c) * b;
        CHECK((x < y) == (l < r));
        CHECK((x == y) == (l == r));
    }
}

} // namespace tally_arith_test
