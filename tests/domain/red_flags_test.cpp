// The red flags for auditors: each kind on a small input, and each threshold at its edge.
#include "domain/audit/red_flags.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace red_flags_test {

namespace {

flag_quote quote(std::int64_t id, std::string rfc, centavos amount) {
    return {id, "Proveedor " + rfc, std::move(rfc), amount};
}

flag_expense expense(std::int64_t id, std::string uuid, centavos amount, std::string date,
                     bool voided = false) {
    return {id, std::move(uuid), "AAA010101AAA", "Proveedor AAA", amount, std::move(date), voided};
}

/// A clean work: three quotes far apart, the cheapest chosen, delivered with its photos.
flag_work clean_work(std::int64_t id) {
    flag_work w;
    w.id = id;
    w.title = "Obra " + std::to_string(id);
    w.category = "obra";
    w.quotes = {quote(id * 10 + 1, "AAA010101AAA", 100000),
                quote(id * 10 + 2, "BBB010101BBB", 120000),
                quote(id * 10 + 3, "CCC010101CCC", 150000)};
    w.chosen_quote = id * 10 + 1;
    w.delivered = true;
    w.photos_before = 1;
    w.photos_after = 1;
    w.entrega_recepcion = true;
    w.photo_sha256 = {std::string(64, static_cast<char>('a' + id % 6))};
    return w;
}

flag_clinic clinic(std::string clues, std::string state, std::vector<flag_work> works) {
    return {clues, "Clínica " + clues, std::move(state), "2026-03-01", std::move(works)};
}

flag_input input(std::vector<flag_clinic> clinics) {
    flag_input in;
    in.edition = 2026;
    in.deadline = "2026-12-24";
    in.today = "2026-06-01";
    in.clinics = std::move(clinics);
    return in;
}

std::vector<red_flag> of_kind(const flag_input& in, flag_kind kind) {
    std::vector<red_flag> out;
    for (auto& f : detect_red_flags(in))
        if (f.kind == kind)
            out.push_back(f);
    return out;
}

} // namespace

TEST_CASE("a clean clinic raises no flag") {
    auto in = input({clinic("DFSSA000001", "Ciudad de México", {clean_work(1)})});
    CHECK(detect_red_flags(in).empty());
}

TEST_CASE("thresholds are checked") {
    CHECK(check_thresholds({}));
    flag_thresholds t;
    t.quote_gap_percent = 51;
    auto bad = check_thresholds(t);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == "threshold_invalid");
    CHECK(bad.error().field == "quote_gap_percent");
    t = {};
    t.unproven_days = 0;
    CHECK(check_thresholds(t).error().field == "unproven_days");
    t = {};
    t.supplier_min_clinics = 1;
    CHECK_FALSE(check_thresholds(t));
}

TEST_CASE("1: a CFDI UUID used twice, once voided") {
    auto w = clean_work(1);
    std::string uuid = "11111111-2222-3333-4444-555555555555";
    w.expenses = {expense(1, uuid, 50000, "2026-04-01", true),
                  expense(2, uuid, 50000, "2026-04-02")};
    auto other = clean_work(2);
    other.expenses = {expense(3, "99999999-2222-3333-4444-555555555555", 1000, "2026-04-01")};
    auto in = input({clinic("DFSSA000001", "Ciudad de México", {w, other})});
    auto flags = of_kind(in, flag_kind::cfdi_repetido);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].key == "cfdi_repetido:" + uuid);
    CHECK(flags[0].work_ids == std::vector<std::int64_t>{1});
    CHECK(flags[0].amount == 50000); // the live one
    REQUIRE(flags[0].evidence.size() == 2);
    CHECK(flags[0].evidence[0].find("anulado") != std::string::npos);
}

TEST_CASE("1: a CFDI UUID used in another edition") {
    auto w = clean_work(1);
    std::string uuid = "21111111-2222-3333-4444-555555555555";
    w.expenses = {expense(1, uuid, 50000, "2026-04-01")};
    auto in = input({clinic("DFSSA000001", "Ciudad de México", {w})});
    CHECK(of_kind(in, flag_kind::cfdi_repetido).empty());
    in.other_editions = {{7, uuid, "DFSSA000009", 2025, 70, 50000, true}};
    auto flags = of_kind(in, flag_kind::cfdi_repetido);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].summary == "El CFDI " + uuid + " se presentó 2 veces, también en otra edición.");
    REQUIRE(flags[0].evidence.size() == 2);
    CHECK(flags[0].evidence[1] ==
          "Gasto 7 de DFSSA000009, edición 2025, obra 70: $500.00 (anulado)");
}

TEST_CASE("2: invoices before the assembly or after the deadline, the days themselves allowed") {
    auto w = clean_work(1);
    w.expenses = {expense(1, "A0000000-0000-0000-0000-000000000001", 100, "2026-02-28T10:00:00"),
                  expense(2, "A0000000-0000-0000-0000-000000000002", 100, "2026-03-01T00:00:00"),
                  expense(3, "A0000000-0000-0000-0000-000000000003", 100, "2026-12-24T23:00:00"),
                  expense(4, "A0000000-0000-0000-0000-000000000004", 100, "2026-12-25"),
                  expense(5, "A0000000-0000-0000-0000-000000000005", 100, "2026-01-01", true)};
    auto in = input({clinic("DFSSA000001", "Ciudad de México", {w})});
    auto flags = of_kind(in, flag_kind::factura_fuera_de_fecha);
    REQUIRE(flags.size() == 2);
    CHECK(flags[0].key ==
          "factura_fuera_de_fecha:DFSSA000001:A0000000-0000-0000-0000-000000000001");
    CHECK(flags[0].summary.find("antes de la asamblea") != std::string::npos);
    CHECK(flags[1].summary.find("después del plazo") != std::string::npos);
}

TEST_CASE("3: the chosen quote is not the cheapest") {
    auto w = clean_work(1);
    w.chosen_quote = 12;
    w.chosen_reason = "Mejor garantía";
    auto in = input({clinic("DFSSA000001", "Ciudad de México", {w})});
    auto flags = of_kind(in, flag_kind::no_la_mas_barata);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].amount == 20000);
    CHECK(flags[0].key == "no_la_mas_barata:DFSSA000001:1");
    CHECK(std::find(flags[0].evidence.begin(), flags[0].evidence.end(),
                    "Razón pública: Mejor garantía") != flags[0].evidence.end());
    w.chosen_quote = 11;
    CHECK(of_kind(input({clinic("DFSSA000001", "X", {w})}), flag_kind::no_la_mas_barata).empty());
}

TEST_CASE("4: quotes within the gap, the edge included") {
    auto w = clean_work(1);
    w.quotes[1].amount = 102000; // exactly 2 % above 100000
    auto in = input({clinic("DFSSA000001", "Ciudad de México", {w})});
    REQUIRE(of_kind(in, flag_kind::cotizaciones_parecidas).size() == 1);
    in.clinics[0].works[0].quotes[1].amount = 102001; // just past 2 %
    CHECK(of_kind(in, flag_kind::cotizaciones_parecidas).empty());
    in.thresholds.quote_gap_percent = 3;
    CHECK(of_kind(in, flag_kind::cotizaciones_parecidas).size() == 1);
    in.thresholds.quote_gap_percent = 0;
    in.clinics[0].works[0].quotes[1].amount = 100000;
    auto identical = of_kind(in, flag_kind::cotizaciones_parecidas);
    REQUIRE(identical.size() == 1);
    CHECK(identical[0].summary == "Cotizaciones idénticas.");
}

TEST_CASE("5: one RFC winning in many clinics of a state") {
    std::vector<flag_clinic> clinics;
    for (int i = 1; i <= 3; ++i) {
        auto w = clean_work(i);
        w.expenses = {expense(i, "B000000" + std::to_string(i) + "-0000-0000-0000-000000000000",
                              1000, "2026-04-01")};
        clinics.push_back(clinic("JCSSA00000" + std::to_string(i), "Jalisco", {w}));
    }
    // Other suppliers spend a lot in the state, so the share alone does not flag.
    auto big = clean_work(9);
    big.chosen_quote = 92;
    big.expenses = {expense(9, "C0000000-0000-0000-0000-000000000000", 1000000, "2026-04-01")};
    big.expenses[0].rfc = "BBB010101BBB";
    clinics.push_back(clinic("JCSSA000009", "Jalisco", {big}));
    auto in = input(clinics);
    auto flags = of_kind(in, flag_kind::proveedor_dominante);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].key == "proveedor_dominante:Jalisco:AAA010101AAA");
    CHECK(flags[0].clinics.size() == 3);
    // Two clinics only: below 3 clinics, and 3000 of 1,003,000 is far below 25 %.
    in.clinics.erase(in.clinics.begin());
    CHECK(of_kind(in, flag_kind::proveedor_dominante).empty());
    // The same two clinics flag once the RFC takes 25 % of the state's spending.
    in.clinics.back().works[0].expenses[0].amount = 6000; // 2000 of 8000 = 25 %
    REQUIRE(of_kind(in, flag_kind::proveedor_dominante).size() == 1);
    in.clinics.back().works[0].expenses[0].amount = 6001; // just under 25 %
    CHECK(of_kind(in, flag_kind::proveedor_dominante).empty());
    in.thresholds.supplier_min_clinics = 2;
    CHECK(of_kind(in, flag_kind::proveedor_dominante).size() == 1);
    // One clinic alone is never "many", whatever its share.
    auto lone = input({clinic("JCSSA000001", "Jalisco", {clean_work(1)})});
    lone.clinics[0].works[0].expenses = {
        expense(1, "D0000000-0000-0000-0000-000000000000", 5, "2026-04-01")};
    CHECK(of_kind(lone, flag_kind::proveedor_dominante).empty());
}

TEST_CASE("6: the same RFCs quoting together again and again") {
    std::vector<flag_work> works;
    for (int i = 1; i <= 3; ++i)
        works.push_back(clean_work(i));
    auto in = input({clinic("DFSSA000001", "Ciudad de México", works)});
    auto flags = of_kind(in, flag_kind::proveedores_juntos);
    // The trio covers its pairs, which quoted on the same three works.
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].key == "proveedores_juntos:AAA010101AAA, BBB010101BBB, CCC010101CCC");
    CHECK(flags[0].work_ids.size() == 3);
    // Two works together are not enough …
    in.clinics[0].works.pop_back();
    CHECK(of_kind(in, flag_kind::proveedores_juntos).empty());
    // … unless the threshold says so.
    in.thresholds.ring_min_works = 2;
    CHECK(of_kind(in, flag_kind::proveedores_juntos).size() == 1);
    // A pair that quoted together more often than its trio is flagged on its own.
    in.thresholds.ring_min_works = 3;
    auto pair_only = clean_work(7);
    pair_only.quotes.pop_back();
    in.clinics[0].works.push_back(pair_only);
    auto pair = of_kind(in, flag_kind::proveedores_juntos);
    REQUIRE(pair.size() == 1);
    CHECK(pair[0].key == "proveedores_juntos:AAA010101AAA, BBB010101BBB");
}

TEST_CASE("7: unit prices above the multiple of the state's median") {
    auto equipment = [](std::int64_t id, centavos total, int quantity) {
        auto w = clean_work(id);
        w.category = "equipamiento";
        w.quantity = quantity;
        w.quotes = {quote(id * 10 + 1, "AAA010101AAA", total)};
        w.chosen_quote = id * 10 + 1;
        return w;
    };
    // Unit prices 1000, 1100, 3300: the median is 1100 and 3300 is exactly 3×: not above.
    auto in =
        input({clinic("DFSSA000001", "Ciudad de México",
                      {equipment(1, 2000, 2), equipment(2, 1100, 1), equipment(3, 6600, 2)})});
    CHECK(of_kind(in, flag_kind::precio_atipico).empty());
    in.clinics[0].works[2].quotes[0].amount = 6602; // 3301 each
    auto flags = of_kind(in, flag_kind::precio_atipico);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].work_ids == std::vector<std::int64_t>{3});
    CHECK(flags[0].amount == 3301);
    in.thresholds.outlier_multiple = 4;
    CHECK(of_kind(in, flag_kind::precio_atipico).empty());
    // Another category or another state does not share the median; two prices are too few.
    in.thresholds.outlier_multiple = 3;
    in.clinics[0].works[0].category = "mobiliario";
    CHECK(of_kind(in, flag_kind::precio_atipico).empty());
}

TEST_CASE("8: delivered without before or after photos") {
    auto w = clean_work(1);
    w.photos_after = 0;
    auto in = input({clinic("DFSSA000001", "Ciudad de México", {w})});
    auto flags = of_kind(in, flag_kind::entrega_sin_fotos);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].summary == "Entregada sin foto de después.");
    in.clinics[0].works[0].delivered = false;
    CHECK(of_kind(in, flag_kind::entrega_sin_fotos).empty());
}

TEST_CASE("9: money spent past N days with nothing to show") {
    auto w = clean_work(1);
    w.delivered = false;
    w.photos_after = 0;
    w.entrega_recepcion = false;
    w.expenses = {expense(1, "E0000000-0000-0000-0000-000000000001", 70000, "2026-05-02"),
                  expense(2, "E0000000-0000-0000-0000-000000000002", 30000, "2026-05-20")};
    auto in = input({clinic("DFSSA000001", "Ciudad de México", {w})});
    // 2026-05-02 to 2026-06-01 is 30 days: not past 30.
    CHECK(of_kind(in, flag_kind::gasto_sin_comprobar).empty());
    in.today = "2026-06-02";
    auto flags = of_kind(in, flag_kind::gasto_sin_comprobar);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].amount == 100000);
    in.thresholds.unproven_days = 31;
    CHECK(of_kind(in, flag_kind::gasto_sin_comprobar).empty());
    in.thresholds.unproven_days = 30;
    in.clinics[0].works[0].entrega_recepcion = true;
    CHECK(of_kind(in, flag_kind::gasto_sin_comprobar).empty());
}

TEST_CASE("10: the same photo in two clinics, not twice in one") {
    auto a = clean_work(1);
    auto b = clean_work(2);
    b.photo_sha256 = a.photo_sha256;
    auto in = input({clinic("DFSSA000001", "Ciudad de México", {a, b})});
    CHECK(of_kind(in, flag_kind::foto_repetida).empty());
    in.clinics.push_back(clinic("DFSSA000002", "Ciudad de México", {clean_work(7)}));
    in.clinics[1].works[0].photo_sha256 = a.photo_sha256;
    auto flags = of_kind(in, flag_kind::foto_repetida);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].clinics.size() == 2);
    CHECK(flags[0].work_ids.size() == 3);
    CHECK(flags[0].key == "foto_repetida:" + a.photo_sha256[0]);
}

} // namespace red_flags_test
