// The invoice facts an expense needs: amounts, the folio fiscal, and the invoice's checks.
#include "domain/followup/cfdi.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_cfdi_test {

namespace {

// The sample invoice in ../shared/cfdi (cfdi40-sample.xml), as the XML reader returns it.
cfdi_invoice sample() {
    cfdi_invoice c;
    c.version = "4.0";
    c.emisor_rfc = "EKU9003173C9";
    c.emisor_nombre = "ESCUELA KEMPER URGATE";
    c.receptor_rfc = "AABF800614HI0";
    c.fecha = "2022-06-24T15:37:17";
    c.uuid = "66933DFF-5507-5460-9EF0-9D0BB068A54A";
    c.moneda = "MXN";
    c.total = 232'000;
    c.subtotal = 200'000;
    return c;
}

std::string code_of(const status& s) {
    return s ? std::string("ok") : s.error().code;
}

} // namespace

TEST_CASE("CFDI amounts: up to 6 decimals, rounded half away from zero to centavos") {
    CHECK(parse_cfdi_amount("2320.00") == 232'000);
    CHECK(parse_cfdi_amount("2320") == 232'000);
    CHECK(parse_cfdi_amount("2320.5") == 232'050);
    CHECK(parse_cfdi_amount("1160.000000") == 116'000);
    CHECK(parse_cfdi_amount("0.004999") == 0);
    CHECK(parse_cfdi_amount("0.005") == 1);
    CHECK(parse_cfdi_amount("10.994") == 1'099);
    CHECK(parse_cfdi_amount("10.995") == 1'100);
    CHECK(parse_cfdi_amount("99.999999") == 10'000);
    CHECK(parse_cfdi_amount(" 12.34 ") == 1'234);
    CHECK_FALSE(parse_cfdi_amount("1.0000000")); // 7 decimals
    CHECK_FALSE(parse_cfdi_amount("-1.00"));
    CHECK_FALSE(parse_cfdi_amount("+1.00"));
    CHECK_FALSE(parse_cfdi_amount("1,160.00"));
    CHECK_FALSE(parse_cfdi_amount("$1160"));
    CHECK_FALSE(parse_cfdi_amount(".50"));
    CHECK_FALSE(parse_cfdi_amount("12."));
    CHECK_FALSE(parse_cfdi_amount(""));
    CHECK_FALSE(parse_cfdi_amount("1e3"));
    CHECK_FALSE(parse_cfdi_amount("99999999999999999999"));
}

TEST_CASE("the folio fiscal is 8-4-4-4-12 hex, kept in upper case") {
    CHECK(normalize_uuid("66933dff-5507-5460-9ef0-9d0bb068a54a") ==
          "66933DFF-5507-5460-9EF0-9D0BB068A54A");
    CHECK(normalize_uuid(" 66933DFF-5507-5460-9EF0-9D0BB068A54A ") ==
          "66933DFF-5507-5460-9EF0-9D0BB068A54A");
    CHECK_FALSE(normalize_uuid("66933DFF55075460-9EF0-9D0BB068A54A0"));
    CHECK_FALSE(normalize_uuid("66933DFF-5507-5460-9EF0-9D0BB068A54"));
    CHECK_FALSE(normalize_uuid("66933DFG-5507-5460-9EF0-9D0BB068A54A"));
    CHECK_FALSE(normalize_uuid("{66933DFF-5507-5460-9EF0-9D0BB068A54}"));
    CHECK_FALSE(normalize_uuid(""));
}

TEST_CASE("the sample invoice passes; each fact is refused on its own") {
    CHECK(check_invoice(sample()));
    auto empty_currency = sample();
    empty_currency.moneda = "";
    CHECK(check_invoice(empty_currency));

    auto v33 = sample();
    v33.version = "3.3";
    auto s = check_invoice(v33);
    CHECK(code_of(s) == "cfdi_version");
    CHECK(s.error().kind == error_kind::invalid);
    CHECK(s.error().message.find("3.3") != std::string::npos);

    auto uuid = sample();
    uuid.uuid = "not-a-uuid";
    CHECK(code_of(check_invoice(uuid)) == "cfdi_uuid");
    auto no_uuid = sample();
    no_uuid.uuid = "";
    CHECK(code_of(check_invoice(no_uuid)) == "cfdi_uuid");

    auto rfc = sample();
    rfc.emisor_rfc = "EKU9013173C9";
    CHECK(code_of(check_invoice(rfc)) == "cfdi_rfc");
    auto wrong_digit = sample();
    wrong_digit.emisor_rfc = "EKU9003173C8"; // well formed: only a warning elsewhere
    CHECK(check_invoice(wrong_digit));

    auto zero = sample();
    zero.total = 0;
    CHECK(code_of(check_invoice(zero)) == "cfdi_total");

    auto usd = sample();
    usd.moneda = "USD";
    CHECK(code_of(check_invoice(usd)) == "cfdi_moneda");
}

} // namespace followup_cfdi_test
