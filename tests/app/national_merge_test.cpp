// The national views over every shard (issue 18 item 4): the merge of each shard's part is the
// answer one shard holding every clinic would give, whatever the order of the parts.
#include "app/transparency/national_merge.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace national_merge_test {

using namespace asamblea;

store::national_row row(const std::string& clues, std::int64_t attendance) {
    store::national_row r;
    r.clues = clues;
    r.state = "en_sesion";
    r.attendance = attendance;
    return r;
}

store::national_dashboard part(std::vector<store::national_row> rows, std::string next = "") {
    store::national_dashboard d;
    for (const auto& r : rows) {
        ++d.totals.assemblies;
        ++d.totals.by_state[r.state];
        d.totals.attendance += r.attendance;
    }
    d.rows = std::move(rows);
    d.next_after = std::move(next);
    return d;
}

std::vector<std::string> clues_of(const store::national_dashboard& d) {
    std::vector<std::string> out;
    for (const auto& r : d.rows)
        out.push_back(r.clues);
    return out;
}

TEST_CASE("the dashboard sums every shard's totals and pages over the merged rows") {
    auto sur = part({row("CSIMB000001", 10), row("CSIMB000002", 20)});
    auto centro = part({row("DFIST000003", 5)});
    auto golfo = part({row("BCIMB000009", 1), row("TCIMB000004", 7)});
    auto all = app::merge_dashboards({sur, centro, golfo}, 10);
    CHECK(all.totals.assemblies == 5);
    CHECK(all.totals.attendance == 43);
    CHECK(all.totals.by_state["en_sesion"] == 5);
    CHECK(all.totals.by_state["cerrada"] == 0);
    CHECK(clues_of(all) == std::vector<std::string>{"BCIMB000009", "CSIMB000001", "CSIMB000002",
                                                    "DFIST000003", "TCIMB000004"});
    CHECK(all.next_after.empty());
    // The same answer from the parts in another order (another shard merging).
    auto again = app::merge_dashboards({golfo, centro, sur}, 10);
    CHECK(clues_of(again) == clues_of(all));
    CHECK(again.totals.attendance == all.totals.attendance);

    // A page of 2: cut after the second CLUES; the totals stay whole.
    auto page = app::merge_dashboards({sur, centro, golfo}, 2);
    CHECK(clues_of(page) == std::vector<std::string>{"BCIMB000009", "CSIMB000001"});
    CHECK(page.next_after == "CSIMB000001");
    CHECK(page.totals.assemblies == 5);
}

TEST_CASE("a shard with more rows keeps the page open even when the merge fits") {
    // Each shard read a page of 2 after the same CLUES; sur has more after its second.
    auto sur = part({row("CSIMB000001", 1), row("CSIMB000002", 1)}, "CSIMB000002");
    auto centro = part({});
    auto d = app::merge_dashboards({sur, centro}, 2);
    CHECK(d.next_after == "CSIMB000002");
    auto done = app::merge_dashboards({part({row("CSIMB000001", 1)}), centro}, 2);
    CHECK(done.next_after.empty());
}

app::national_live_clinic live(const std::string& clues, const std::string& entidad,
                               const std::string& state, std::int64_t ballots) {
    app::national_live_clinic c;
    c.clues = clues;
    c.entidad = entidad;
    c.institucion = "IMSS-BIENESTAR";
    c.state = state;
    c.ballots = ballots;
    c.attendance = 3;
    return c;
}

TEST_CASE("the national view's assemblies merge by CLUES and recount every group") {
    app::national_live a, b;
    a.clinics = {live("CSIMB000001", "Chiapas", "en_sesion", 4)};
    b.clinics = {live("BCIMB000001", "Baja California", "cerrada", 2),
                 live("TCIMB000001", "Tabasco", "en_sesion", 1)};
    auto all = app::merge_live({a, b});
    REQUIRE(all.clinics.size() == 3);
    CHECK(all.clinics.front().clues == "BCIMB000001");
    CHECK(all.total.assemblies == 3);
    CHECK(all.total.in_session == 2);
    CHECK(all.total.closed == 1);
    CHECK(all.total.ballots == 7);
    CHECK(all.total.attendance == 9);
    REQUIRE(all.by_state.size() == 3);
    CHECK(all.by_state[0].name == "Baja California");
    REQUIRE(all.by_institution.size() == 1);
    CHECK(all.by_institution[0].counts.assemblies == 3);
}

app::national_clinic money(const std::string& clues, const std::string& entidad,
                           domain::centavos spent, domain::centavos proven) {
    app::national_clinic c;
    c.clues = clues;
    c.entidad = entidad;
    c.institucion = "IMSS-BIENESTAR";
    c.money.clinics = 1;
    c.money.ledger.ejercido = spent;
    c.money.ledger.comprobado = proven;
    return c;
}

TEST_CASE("the follow-up merges the newest edition of any shard and ranks over all clinics") {
    app::national_followup sur, centro, old;
    sur.edition = 2026;
    sur.editions = {2026, 2025};
    sur.clinics = {money("CSIMB000001", "Chiapas", 500, 100)};
    centro.edition = 2026;
    centro.editions = {2026};
    centro.clinics = {money("DFIST000003", "Ciudad de México", 900, 0)};
    // A shard whose newest closed edition is 2025 has no closed assembly in 2026.
    old.edition = 2025;
    old.editions = {2025};
    old.clinics = {money("BCIMB000001", "Baja California", 50, 0)};
    auto all = app::merge_followups({sur, centro, old}, std::nullopt);
    CHECK(all.edition == 2026);
    CHECK(all.editions == std::vector<int>{2026, 2025});
    REQUIRE(all.clinics.size() == 2);
    CHECK(all.total.clinics == 2);
    CHECK(all.total.unproven() == 1300);
    REQUIRE(all.by_unproven.size() == 2);
    CHECK(all.by_unproven[0].clues == "DFIST000003");
    CHECK(all.by_state.size() == 2);
    // Asked for 2025: only the parts read for 2025 count.
    auto asked = app::merge_followups({old}, 2025);
    CHECK(asked.edition == 2025);
    CHECK(asked.total.clinics == 1);
    // Nothing closed anywhere.
    CHECK(app::merge_followups({app::national_followup{}}, std::nullopt).edition == 0);
}

TEST_CASE("the red flags' input joins every shard's clinics of the edition") {
    domain::flag_input a, b, other;
    a.edition = b.edition = 2026;
    a.thresholds.quote_gap_percent = 7;
    a.deadline = "2026-12-31";
    a.clinics = {domain::flag_clinic{"TCIMB000001", "T", "Tabasco", "", {}}};
    b.clinics = {domain::flag_clinic{"CSIMB000001", "C", "Chiapas", "", {}}};
    other.edition = 2025;
    other.clinics = {domain::flag_clinic{"BCIMB000001", "B", "Baja California", "", {}}};
    auto in = app::merge_flag_inputs({a, b, other}, 2026);
    CHECK(in.edition == 2026);
    CHECK(in.thresholds.quote_gap_percent == 7);
    CHECK(in.deadline == "2026-12-31");
    REQUIRE(in.clinics.size() == 2);
    CHECK(in.clinics[0].state == "Chiapas");
    CHECK(in.clinics[1].state == "Tabasco");
}

} // namespace national_merge_test
