// Quotes: when a work item takes them, one per supplier, their fields, and the choice.
#include "domain/followup/quote_rules.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_quote_test {

namespace {

quote make_quote(std::int64_t id, std::string rfc, centavos amount) {
    return {id, "Materiales del Sur", std::move(rfc), amount, "2026-03-02", "2026-04-01", false};
}

std::string code_of(const status& s) {
    return s ? std::string("ok") : s.error().code;
}

const std::vector<quote> three = {make_quote(1, "EKU9003173C9", 1'200'000),
                                  make_quote(2, "AABF800614HI0", 1'000'000),
                                  make_quote(3, "GODE561231GR8", 1'100'000)};

} // namespace

TEST_CASE("quotes are taken while planeado or cotizando") {
    auto q = make_quote(9, "CACX7605101P8", 500'000);
    CHECK(check_new_quote({}, q, work_state::planeado));
    CHECK(check_new_quote(three, q, work_state::cotizando));
    auto late = check_new_quote(three, q, work_state::contratado);
    CHECK(code_of(late) == "quotes_closed");
    CHECK(late.error().kind == error_kind::conflict);
    CHECK(code_of(check_new_quote({}, q, work_state::detenido)) == "quotes_closed");
}

TEST_CASE("one live quote per supplier, compared by normalized RFC") {
    auto again = make_quote(9, "eku-900317-3c9", 900'000);
    auto dup = check_new_quote(three, again, work_state::cotizando);
    CHECK(code_of(dup) == "supplier_already_quoted");
    CHECK(dup.error().kind == error_kind::conflict);
    CHECK(dup.error().message.find("EKU9003173C9") != std::string::npos);
    auto voided = three;
    voided[0].voided = true;
    CHECK(check_new_quote(voided, again, work_state::cotizando));
}

TEST_CASE("a quote's fields are checked") {
    auto q = make_quote(9, "CACX7605101P8", 500'000);
    auto zero = q;
    zero.amount = 0;
    CHECK(code_of(check_new_quote({}, zero, work_state::cotizando)) == "amount_invalid");
    auto blank = q;
    blank.supplier = "   ";
    auto s = check_new_quote({}, blank, work_state::cotizando);
    CHECK(code_of(s) == "supplier_invalid");
    CHECK(s.error().field == "supplier");
    auto longest = q;
    longest.supplier = std::string(200, 'a');
    CHECK(check_new_quote({}, longest, work_state::cotizando));
    longest.supplier += 'a';
    CHECK(code_of(check_new_quote({}, longest, work_state::cotizando)) == "supplier_invalid");
    auto bad_rfc = q;
    bad_rfc.rfc = "XYZ";
    CHECK(code_of(check_new_quote({}, bad_rfc, work_state::cotizando)) == "rfc_invalid");
    auto bad_date = q;
    bad_date.date = "2026-02-30";
    CHECK(code_of(check_new_quote({}, bad_date, work_state::cotizando)) == "date_invalid");
    auto before = q;
    before.valid_until = "2026-03-01";
    CHECK(code_of(check_new_quote({}, before, work_state::cotizando)) == "valid_until_invalid");
    auto same_day = q;
    same_day.valid_until = same_day.date;
    CHECK(check_new_quote({}, same_day, work_state::cotizando));
    auto open_ended = q;
    open_ended.valid_until = "";
    CHECK(check_new_quote({}, open_ended, work_state::cotizando));
}

TEST_CASE("cheapest among live quotes; ties count") {
    CHECK(is_cheapest(three, 2));
    CHECK_FALSE(is_cheapest(three, 1));
    CHECK_FALSE(is_cheapest(three, 99));
    auto voided = three;
    voided[1].voided = true;
    CHECK_FALSE(is_cheapest(voided, 2));
    CHECK(is_cheapest(voided, 3));
    auto tie = three;
    tie[2].amount = 1'000'000;
    CHECK(is_cheapest(tie, 3));
    CHECK(live_quotes(three) == 3);
    CHECK(live_quotes(voided) == 2);
}

TEST_CASE("choosing: the quote must exist and be live; not the cheapest needs a public reason") {
    CHECK(check_choose(three, 2, ""));
    auto missing = check_choose(three, 42, "");
    CHECK(code_of(missing) == "quote_not_found");
    CHECK(missing.error().kind == error_kind::not_found);
    auto voided = three;
    voided[0].voided = true;
    CHECK(code_of(check_choose(voided, 1, "mejor material")) == "quote_not_found");
    auto no_reason = check_choose(three, 1, " ");
    CHECK(code_of(no_reason) == "reason_required");
    CHECK(no_reason.error().message.find("pública") != std::string::npos);
    CHECK(check_choose(three, 1, "Entrega en una semana en lugar de un mes"));
}

} // namespace followup_quote_test
