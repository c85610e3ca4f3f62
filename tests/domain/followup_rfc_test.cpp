// Mexican RFC: how it is typed back, its shape, and the SAT check digit.
#include "domain/followup/rfc.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_rfc_test {

namespace {

rfc_check checked(std::string_view text) {
    auto n = normalize_rfc(text);
    REQUIRE(n);
    return check_rfc(*n);
}

} // namespace

TEST_CASE("normalize: trimmed, upper case, hyphens gone, Ñ and & kept") {
    CHECK(normalize_rfc("  eku9003173c9\t") == "EKU9003173C9");
    CHECK(normalize_rfc("EKU-900317-3C9") == "EKU9003173C9");
    CHECK(normalize_rfc("a&a010101aa1") == "A&A010101AA1");
    CHECK(normalize_rfc("ma\xC3\xB1o800101ab2") == "MA\xC3\x91O800101AB2");
    CHECK(normalize_rfc("MA\xC3\x91O800101AB2") == "MA\xC3\x91O800101AB2");
    CHECK_FALSE(normalize_rfc(""));
    CHECK_FALSE(normalize_rfc("   "));
    CHECK_FALSE(normalize_rfc("EKU900317.3C9"));
    CHECK_FALSE(normalize_rfc("MA\xC3\x89O800101AB2")); // É is not an RFC letter
}

TEST_CASE("the SAT's test taxpayers are well formed and pass the check digit") {
    auto moral = checked("EKU9003173C9");
    CHECK(moral.well_formed);
    CHECK(moral.persona_moral);
    CHECK(moral.check_digit_ok);
    auto fisica = checked("AABF800614HI0");
    CHECK(fisica.well_formed);
    CHECK_FALSE(fisica.persona_moral);
    CHECK(fisica.check_digit_ok);
    CHECK(checked("GODE561231GR8").check_digit_ok);
    CHECK(checked("eku9003173c9").check_digit_ok);
}

TEST_CASE("a wrong check digit is reported, not refused") {
    auto wrong = checked("EKU9003173C8");
    CHECK(wrong.well_formed);
    CHECK_FALSE(wrong.check_digit_ok);
    CHECK(check_rfc_input("EKU9003173C8"));
    // The generic RFC for the general public is genuine and fails the digit.
    auto generic = checked("XAXX010101000");
    CHECK(generic.well_formed);
    CHECK_FALSE(generic.check_digit_ok);
    CHECK(checked("XEXX010101000").check_digit_ok);
}

TEST_CASE("Ñ counts as one character worth 38, & as 24") {
    auto enye = checked("MA\xC3\x91O800101AB2");
    CHECK(enye.well_formed);
    CHECK_FALSE(enye.persona_moral);
    CHECK(enye.check_digit_ok);
    CHECK_FALSE(checked("MA\xC3\x91O800101AB1").check_digit_ok);
    auto company = checked("\xC3\x91"
                           "A\xC3\x91"
                           "000229AB3");
    CHECK(company.well_formed);
    CHECK(company.persona_moral);
    CHECK(company.check_digit_ok);
    CHECK(checked("A&A010101AA1").check_digit_ok);
    CHECK_FALSE(checked("A&A010101AA2").check_digit_ok);
}

TEST_CASE("the date must be a real YYMMDD date") {
    CHECK_FALSE(checked("EKU9013173C9").well_formed); // month 13
    CHECK_FALSE(checked("EKU9002303C9").well_formed); // 30 February
    CHECK_FALSE(checked("EKU9004313C9").well_formed); // 31 April
    CHECK_FALSE(checked("EKU9000003C9").well_formed); // day 0
    CHECK_FALSE(checked("EKU0102293C9").well_formed); // 29 February 2001 (or 1901)
    CHECK(checked("EKU0002293C9").well_formed);       // 29 February 2000
    CHECK(checked("EKU9602293C9").well_formed);       // 29 February 1996
}

TEST_CASE("lengths and character classes") {
    CHECK_FALSE(checked("EKU9003173C").well_formed);    // 11
    CHECK_FALSE(checked("EKUAB9003173C9").well_formed); // 14
    CHECK_FALSE(checked("EK19003173C9").well_formed);   // digit among the letters
    CHECK_FALSE(checked("EKUX90031X3C9").well_formed);  // letter in the date
    CHECK_FALSE(checked("EKU900317&C9").well_formed);   // & in the homoclave
    CHECK_FALSE(check_rfc("").well_formed);
}

TEST_CASE("check_rfc_input refuses what is not an RFC") {
    CHECK(check_rfc_input(" aabf800614hi0 "));
    auto bad = check_rfc_input("ABC123");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == "rfc_invalid");
    CHECK(bad.error().kind == error_kind::invalid);
    CHECK(bad.error().field == "rfc");
    CHECK_FALSE(check_rfc_input(""));
    CHECK_FALSE(check_rfc_input("EKU9002303C9"));
}

} // namespace followup_rfc_test
