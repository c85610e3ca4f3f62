#include "domain/money.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>

using namespace asamblea::domain;

TEST_CASE("parse_pesos accepts plain, grouped and fractional amounts") {
    CHECK(parse_pesos("400000") == 40000000);
    CHECK(parse_pesos("$1,234.50") == 123450);
    CHECK(parse_pesos(" 12.5 ") == 1250);
    CHECK(parse_pesos("0") == 0);
}

TEST_CASE("parse_pesos rejects malformed and negative amounts") {
    CHECK_FALSE(parse_pesos(""));
    CHECK_FALSE(parse_pesos("-5"));
    CHECK_FALSE(parse_pesos("12.345"));
    CHECK_FALSE(parse_pesos("doce"));
    CHECK_FALSE(parse_pesos("1."));
    CHECK_FALSE(parse_pesos("99999999999999999999"));
}

TEST_CASE("format_pesos prints es-MX currency") {
    CHECK(format_pesos(123456789) == "$1,234,567.89");
    CHECK(format_pesos(5) == "$0.05");
    CHECK(format_pesos(100000000) == "$1,000,000.00");
}

TEST_CASE("format_pesos groups every length of amount, signs and the extremes") {
    CHECK(format_pesos(0) == "$0.00");
    CHECK(format_pesos(99999) == "$999.99");
    CHECK(format_pesos(100000) == "$1,000.00");
    CHECK(format_pesos(-1) == "-$0.01");
    CHECK(format_pesos(-123456) == "-$1,234.56");
    CHECK(format_pesos(std::numeric_limits<std::int64_t>::max()) == "$92,233,720,368,547,758.07");
    CHECK(format_pesos(std::numeric_limits<std::int64_t>::min()) == "-$92,233,720,368,547,758.08");
    // Against the grouping written out by hand, for every number of digits.
    std::int64_t pesos = 0;
    for (int digits = 1; digits <= 16; ++digits) {
        pesos = pesos * 10 + digits % 10;
        std::string plain = std::to_string(pesos), grouped;
        for (std::size_t n = 0; n < plain.size(); ++n) {
            if (n > 0 && (plain.size() - n) % 3 == 0)
                grouped += ',';
            grouped += plain[n];
        }
        CAPTURE(pesos);
        CHECK(format_pesos(pesos * 100 + 7) == "$" + grouped + ".07");
    }
}
