// `asamblea verify` for the follow-up: the tables agree with the chain after real commands, and
// money or states edited behind the server's back are named.
#include "app/followup/followup.hpp"
#include "followup_fixture.hpp"
#include "store/audit_chain.hpp"
#include "store/followup_check.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace followup_verify_test {

using namespace asamblea;
using domain::work_state;
using test::followup_clinic;

store::followup_report check(followup_clinic& c) {
    auto db = c.s.readers().acquire();
    return store::check_followup(*db, followup_clinic::clues,
                                 store::read_chain(*db, followup_clinic::clues));
}

bool mentions(const store::followup_report& r, const std::string& text) {
    return std::any_of(r.findings.begin(), r.findings.end(),
                       [&](const std::string& f) { return f.find(text) != std::string::npos; });
}

TEST_CASE("verify holds work items, quotes and expenses against the chain") {
    auto sample = test::cfdi_sample();
    if (!sample)
        return;
    followup_clinic c;
    auto work = c.run(app::add_work_item({2026, "Refrigerador", domain::category::equipamiento,
                                          500000, 1, "Se descompuso", c.coordinator}));
    REQUIRE(work);
    auto id = work->work_id;
    REQUIRE(c.run(app::move_work(c.presidencia, id, work_state::cotizando, "")));
    std::vector<std::int64_t> quotes;
    for (auto [rfc, amount] : {std::pair{"EKU9003173C9", 232000},
                               {"AABF800614HI0", 240000},
                               {"XAXX010101000", 250000}}) {
        auto q = c.run(app::add_quote(
            c.presidencia, id,
            {std::string("Proveedor ") + rfc, rfc, amount, "2026-03-01", "", c.files.pdf()},
            c.files));
        REQUIRE(q);
        quotes.push_back(q->id);
    }
    REQUIRE(c.run(app::choose_quote(c.presidencia, id, quotes[0], "")));
    REQUIRE(c.run(app::move_work(c.presidencia, id, work_state::contratado, "")));
    auto xml = c.files.add(*sample);
    REQUIRE(c.run(app::record_expense(c.tesoreria, id, {xml, c.files.pdf(), ""}, c.files)));

    auto clean = check(c);
    CHECK(clean.works == 1); // the other clinic's work item is its own chain's business
    CHECK(clean.expenses == 1);
    CHECK_MESSAGE(clean.findings.empty(), clean.findings.front());

    // Someone with the database file edits it directly.
    REQUIRE(c.s.writer().run([&](store::write_context& w) -> domain::status {
        w.db().exec("UPDATE expenses SET amount_centavos = 23200000");
        w.db().exec("UPDATE work_items SET state = 'verificado' WHERE id = " + std::to_string(id));
        w.db().exec("UPDATE quotes SET amount_centavos = 1 WHERE id = " +
                    std::to_string(quotes[1]));
        return {};
    }));
    auto tampered = check(c);
    CHECK(mentions(tampered, "Gasto"));
    CHECK(mentions(tampered, "$2320.00"));
    CHECK(mentions(tampered, "«verificado»"));
    CHECK(mentions(tampered, "Cotización " + std::to_string(quotes[1])));
    CHECK(tampered.findings.size() == 3);
}

} // namespace followup_verify_test
