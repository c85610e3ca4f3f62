// The cuadernillo: each work's and the clinic's money, and the limits on expenses and new works.
#include "domain/followup/ledger.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_ledger_test {

namespace {

constexpr centavos budget = 50'000'000; // $500,000.00

work_money work(std::int64_t id, work_state s, centavos approved,
                std::optional<centavos> contracted = std::nullopt, centavos spent = 0,
                centavos proven = 0) {
    return {id, s, approved, contracted, spent, proven};
}

std::string code_of(const status& s) {
    return s ? std::string("ok") : s.error().code;
}

} // namespace

TEST_CASE("a work's line before and after its contract") {
    auto planned = work_ledger(work(1, work_state::cotizando, 20'000'000));
    CHECK(planned.asignado == 20'000'000);
    CHECK(planned.comprometido == 0);
    CHECK(planned.ejercido == 0);
    CHECK(planned.saldo == 20'000'000);
    auto running = work_ledger(
        work(1, work_state::en_ejecucion, 20'000'000, 18'000'000, 10'000'000, 6'000'000));
    CHECK(running.asignado == 20'000'000);
    CHECK(running.comprometido == 18'000'000);
    CHECK(running.ejercido == 10'000'000);
    CHECK(running.comprobado == 6'000'000);
    CHECK(running.saldo == 8'000'000); // contracted − spent
    // A contract above the approval: the contract is what is owed.
    CHECK(work_ledger(work(1, work_state::contratado, 10'000'000, 12'000'000)).saldo == 12'000'000);
}

TEST_CASE("a cancelled work keeps only what it spent") {
    auto line =
        work_ledger(work(1, work_state::cancelado, 20'000'000, 18'000'000, 3'000'000, 3'000'000));
    CHECK(line.asignado == 0);
    CHECK(line.comprometido == 0);
    CHECK(line.ejercido == 3'000'000);
    CHECK(line.comprobado == 3'000'000);
    CHECK(line.saldo == 0);
}

TEST_CASE("the clinic's saldo, and cancelling returns the unspent money") {
    std::vector<work_money> works = {
        work(1, work_state::cotizando, 20'000'000),
        work(2, work_state::en_ejecucion, 15'000'000, 12'000'000, 5'000'000, 5'000'000),
    };
    auto before = clinic_ledger(budget, works);
    CHECK(before.asignado == 35'000'000);
    CHECK(before.comprometido == 12'000'000);
    CHECK(before.ejercido == 5'000'000);
    CHECK(before.comprobado == 5'000'000);
    CHECK(before.saldo == budget - 20'000'000 - 12'000'000);
    works[1].state = work_state::cancelado;
    auto after = clinic_ledger(budget, works);
    CHECK(after.saldo == budget - 20'000'000 - 5'000'000);
    CHECK(after.asignado == 20'000'000);
    CHECK(after.comprometido == 0);
    CHECK(after.ejercido == 5'000'000);
    // Spending beyond the reservation (data that broke the rules) still counts.
    std::vector<work_money> over = {work(1, work_state::entregado, 1'000, 1'000, 3'000)};
    CHECK(clinic_ledger(10'000, over).saldo == 7'000);
    CHECK(clinic_ledger(budget, {}).saldo == budget);
}

TEST_CASE("expenses fit the contract: exactly equal is allowed, one centavo more is not") {
    std::vector<work_money> works = {
        work(1, work_state::en_ejecucion, 15'000'000, 12'000'000, 10'000'000)};
    CHECK(check_expense(works[0], budget, works, 2'000'000));
    auto over = check_expense(works[0], budget, works, 2'000'001);
    CHECK(code_of(over) == "over_contract");
    CHECK(over.error().kind == error_kind::conflict);
    CHECK(over.error().message.find("$120,000.00") != std::string::npos);
    CHECK(over.error().message.find("$20,000.00") != std::string::npos);
}

TEST_CASE("expenses fit the clinic's budget: exactly equal is allowed") {
    std::vector<work_money> works = {
        work(1, work_state::entregado, 30'000'000, 30'000'000, 29'000'000),
        work(2, work_state::contratado, 25'000'000, 25'000'000, 20'000'000),
    };
    CHECK(check_expense(works[1], budget, works, 1'000'000));
    auto over = check_expense(works[1], budget, works, 1'000'001);
    CHECK(code_of(over) == "over_balance");
    CHECK(over.error().message.find("$10,000.00") != std::string::npos);
}

TEST_CASE("expenses only for contracted, running or delivered works, and positive") {
    for (auto s : {work_state::planeado, work_state::cotizando, work_state::detenido,
                   work_state::verificado, work_state::cancelado}) {
        std::vector<work_money> works = {work(1, s, 1'000'000, 1'000'000)};
        CHECK(code_of(check_expense(works[0], budget, works, 100)) == "expense_not_allowed");
    }
    std::vector<work_money> no_contract = {work(1, work_state::contratado, 1'000'000)};
    CHECK(code_of(check_expense(no_contract[0], budget, no_contract, 100)) ==
          "expense_not_allowed");
    std::vector<work_money> ok = {work(1, work_state::contratado, 1'000'000, 1'000'000)};
    CHECK(code_of(check_expense(ok[0], budget, ok, 0)) == "amount_invalid");
    CHECK(code_of(check_expense(ok[0], budget, ok, -5)) == "amount_invalid");
}

TEST_CASE("a new work must fit the saldo, and a cancellation makes room") {
    std::vector<work_money> works = {
        work(1, work_state::contratado, 30'000'000, 28'000'000, 4'000'000),
        work(2, work_state::cotizando, 15'000'000),
    };
    // saldo = 50,000,000 − 28,000,000 − 15,000,000 = 7,000,000
    CHECK(check_new_work(budget, works, 7'000'000));
    auto over = check_new_work(budget, works, 7'000'001);
    CHECK(code_of(over) == "over_balance");
    CHECK(over.error().message.find("$70,000.00") != std::string::npos);
    works[0].state = work_state::cancelado;
    // The cancelled work keeps its 4,000,000 spent; the rest comes back.
    CHECK(check_new_work(budget, works, 31'000'000));
    CHECK(code_of(check_new_work(budget, works, 31'000'001)) == "over_balance");
    CHECK(code_of(check_new_work(budget, works, 0)) == "amount_invalid");
}

} // namespace followup_ledger_test
