#include "domain/money.hpp"

#include <doctest/doctest.h>

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
