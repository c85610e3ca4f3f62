// The follow-up's writes are the final word: two commands prepared against the same state cannot
// both pass a limit, and what the chain records carries amounts and digests, not people.
#include "app/followup/board.hpp"
#include "app/followup/evidence.hpp"
#include "app/followup/expenses.hpp"
#include "app/followup/quotes.hpp"
#include "app/followup/work_items.hpp"
#include "followup_fixture.hpp"

#include <nlohmann/json.hpp>

using namespace asamblea;
using domain::work_state;
using test::followup_clinic;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_write_test {

namespace {

template <class T> std::string error_of(const domain::result<T>& r) {
    REQUIRE_FALSE(r);
    return r.error().code;
}

/// Prepares every command first (as two rooms or two requests would), then persists each.
std::vector<domain::status> prepared_together(followup_clinic& c,
                                              std::vector<app::command<app::work_event>> cmds) {
    std::vector<app::work_event> events;
    // scope keeps a reference to the CLUES: it must outlive the scope (a temporary made from the
    // const char* did not, and ASan caught the read).
    const std::string clues = followup_clinic::clues;
    for (auto& cmd : cmds) {
        app::scope scope{clues, c.hot, c.s.readers()};
        auto ev = cmd.prepare(scope);
        REQUIRE(ev);
        events.push_back(*ev);
    }
    std::vector<domain::status> out;
    for (std::size_t i = 0; i < cmds.size(); ++i)
        out.push_back(c.s.writer().run([&](store::write_context& w) {
            return cmds[i].persist(w, followup_clinic::clues, events[i]);
        }));
    return out;
}

std::int64_t add_work(followup_clinic& c, domain::centavos approved, const std::string& title) {
    auto work = c.run(app::add_work_item(
        {2026, title, domain::category::obra, approved, 0, "Urgente", c.coordinator}));
    REQUIRE(work);
    return work->work_id;
}

/// Contracts the work item with one quote (and a written exception) of `amount`.
void contract(followup_clinic& c, std::int64_t id, domain::centavos amount,
              const std::string& rfc) {
    REQUIRE(c.run(app::set_quote_exception(c.presidencia, id, "Un solo proveedor")));
    auto q = c.run(app::add_quote(
        c.presidencia, id, {"Proveedor", rfc, amount, "2026-03-01", "", c.files.pdf()}, c.files));
    REQUIRE(q);
    REQUIRE(c.run(app::choose_quote(c.presidencia, id, q->id, "")));
    REQUIRE(c.run(app::move_work(c.presidencia, id, work_state::cotizando, "")));
    REQUIRE(c.run(app::move_work(c.presidencia, id, work_state::contratado, "")));
}

std::int64_t contracted(followup_clinic& c, domain::centavos approved, domain::centavos amount,
                        const std::string& rfc) {
    auto id = add_work(c, approved, "Obra " + rfc);
    contract(c, id, amount, rfc);
    return id;
}

} // namespace

TEST_CASE("two expenses prepared together cannot both pass the balance or use one invoice") {
    auto sample = test::cfdi_sample();
    if (!sample)
        return;
    followup_clinic c(300000); // 3,000 pesos
    // Both fit when added; the contracts (which may pass what was approved) are what binds.
    auto first = add_work(c, 100000, "Pintura");
    auto second = add_work(c, 100000, "Puertas");
    contract(c, first, 290000, "EKU9003173C9");
    contract(c, second, 290000, test::rfc_with_digit("AAA010101AA"));
    auto xml = c.files.add(*sample);
    auto other_xml =
        c.files.add(test::cfdi_variant(*sample, "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE", "2320.00"));

    // Each fits alone; together they pass the budget.
    auto over = prepared_together(
        c, {app::record_expense(c.tesoreria, first, {xml, c.files.pdf(), ""}, c.files),
            app::record_expense(c.tesoreria, second, {other_xml, c.files.pdf(), ""}, c.files)});
    CHECK(over[0]);
    REQUIRE_FALSE(over[1]);
    CHECK(over[1].error().code == "over_balance");

    // The same invoice on two works at once: the second write finds the first.
    followup_clinic d;
    auto a = contracted(d, 500000, 500000, "EKU9003173C9");
    auto b = contracted(d, 500000, 500000, test::rfc_with_digit("AAA010101AA"));
    auto same = d.files.add(*sample);
    auto twice = prepared_together(
        d, {app::record_expense(d.tesoreria, a, {same, d.files.pdf(), ""}, d.files),
            app::record_expense(d.tesoreria, b, {same, d.files.pdf(), ""}, d.files)});
    CHECK(twice[0]);
    REQUIRE_FALSE(twice[1]);
    CHECK(twice[1].error().code == "cfdi_uuid_used");
    CHECK(d.count("SELECT count(*) FROM expenses") == 1);
}

TEST_CASE("a move prepared before another is refused inside the write") {
    followup_clinic c;
    auto work = c.run(app::add_work_item(
        {2026, "Techo", domain::category::obra, 100000, 0, "Urgente", c.coordinator}));
    REQUIRE(work);
    auto moves = prepared_together(
        c, {app::move_work(c.presidencia, work->work_id, work_state::cotizando, ""),
            app::move_work(c.vocalia, work->work_id, work_state::cotizando, "")});
    CHECK(moves[0]);
    REQUIRE_FALSE(moves[1]);
    CHECK(moves[1].error().code == "work_move_not_allowed");
    CHECK(c.count("SELECT count(*) FROM work_moves") == 1);
}

TEST_CASE("quotes: voiding frees the supplier and undoes a choice") {
    followup_clinic c;
    auto work = c.run(app::add_work_item(
        {2026, "Techo", domain::category::obra, 100000, 0, "Urgente", c.coordinator}));
    REQUIRE(work);
    auto id = work->work_id;
    app::quote_input q{"Proveedor", "eku-900317-3c9", 90000, "2026-03-01", "", c.files.pdf()};
    auto first = c.run(app::add_quote(c.presidencia, id, q, c.files));
    REQUIRE(first);
    REQUIRE(c.run(app::choose_quote(c.presidencia, id, first->id, "")));
    CHECK(error_of(c.run(app::void_quote(c.presidencia, first->id, ""))) == "reason_required");
    CHECK(error_of(c.run(app::void_quote(c.former, first->id, "Error"))) == "not_current_member");
    REQUIRE(c.run(app::void_quote(c.presidencia, first->id, "Monto mal capturado")));
    CHECK(error_of(c.run(app::void_quote(c.presidencia, first->id, "Otra vez"))) ==
          "already_voided");
    CHECK(error_of(c.run(app::choose_quote(c.presidencia, id, first->id, ""))) ==
          "quote_not_found");
    auto again = c.run(app::add_quote(c.presidencia, id, q, c.files));
    REQUIRE(again);

    auto db = c.s.readers().acquire();
    auto detail = app::read_work(*db, followup_clinic::clues, id);
    REQUIRE(detail);
    CHECK_FALSE(detail->chosen_quote);
    REQUIRE(detail->quotes.size() == 2);
    CHECK(detail->quotes[0].q.voided);
    CHECK(detail->quotes[0].q.rfc == "EKU9003173C9"); // stored normalized
    CHECK(detail->summary.quotes == 1);
    // Another clinic's quote is not found.
    followup_clinic other;
    CHECK(error_of(other.run(app::void_quote(other.presidencia, again->id, "x"))) ==
          "quote_not_found");
}

TEST_CASE("a closed work item takes no more evidence") {
    followup_clinic c;
    auto work = c.run(app::add_work_item(
        {2026, "Techo", domain::category::obra, 100000, 0, "Urgente", c.coordinator}));
    REQUIRE(work);
    REQUIRE(c.run(app::move_work(c.presidencia, work->work_id, work_state::cancelado,
                                 "Se cambió de prioridad")));
    CHECK(error_of(c.run(app::add_evidence(
              c.presidencia, work->work_id,
              {domain::evidence_kind::documento, c.files.pdf(), {}, {}, {}, ""}, c.files))) ==
          "work_closed");
    auto db = c.s.readers().acquire();
    auto board = app::read_board(*db, followup_clinic::clues, std::nullopt, "2026-03-01");
    REQUIRE(board);
    CHECK(board->clinic.asignado == 0); // a cancelled work's money returns to the balance
    CHECK(board->clinic.saldo == 60000000);
}

TEST_CASE("the chain records amounts, states, files and members, not names or places") {
    auto sample = test::cfdi_sample();
    if (!sample)
        return;
    followup_clinic c;
    auto id = contracted(c, 500000, 500000, "EKU9003173C9");
    auto xml = c.files.add(*sample);
    REQUIRE(c.run(app::record_expense(c.tesoreria, id, {xml, c.files.pdf(), ""}, c.files)));
    REQUIRE(c.run(app::add_evidence(c.tesoreria, id,
                                    {domain::evidence_kind::foto_antes,
                                     c.files.jpeg(),
                                     {},
                                     16.25,
                                     -92.5,
                                     "Frente a la casa de Doña Juana"},
                                    c.files)));
    auto db = c.s.readers().acquire();
    SQLite::Statement q(*db, "SELECT type, payload FROM audit_events WHERE clues = ? ORDER BY seq");
    q.bind(1, std::string(followup_clinic::clues));
    std::map<std::string, nlohmann::json> last;
    std::string all;
    while (q.executeStep()) {
        last[q.getColumn(0).getString()] = nlohmann::json::parse(q.getColumn(1).getString());
        all += q.getColumn(1).getString();
    }
    auto expense = last.at("expense.recorded");
    CHECK(expense.at("amount") == 232000);
    CHECK(expense.at("cfdi_uuid") == test::sample_uuid);
    CHECK(expense.at("xml_sha256") == xml);
    CHECK(expense.at("member_id") == c.tesoreria_member);
    CHECK(expense.at("role") == "tesoreria");
    auto moved = last.at("work.moved");
    CHECK(moved.at("from") == "cotizando");
    CHECK(moved.at("to") == "contratado");
    CHECK(last.at("evidence.added").at("located") == true);
    CHECK(all.find("Juana") == std::string::npos);
    CHECK(all.find("16.25") == std::string::npos);
    CHECK(all.find("KEMPER") == std::string::npos); // the issuer's name stays in its table
}

TEST_CASE("voided evidence stops counting as proof") {
    followup_clinic c;
    auto id = add_work(c, 100000, "Techo");
    auto after = c.run(app::add_evidence(
        c.vocalia, id, {domain::evidence_kind::foto_despues, c.files.jpeg(), "", {}, {}, ""},
        c.files));
    REQUIRE(after);
    auto board = [&] {
        auto db = c.s.readers().acquire();
        auto b = app::read_board(*db, followup_clinic::clues, 2026, "2026-03-01");
        REQUIRE(b);
        REQUIRE(b->works.size() == 1);
        return b->works[0];
    };
    CHECK(board().photos_after == 1);
    CHECK(error_of(c.run(app::void_evidence(c.vocalia, after->id, ""))) == "reason_required");
    CHECK(error_of(c.run(app::void_evidence(c.former, after->id, "Foto de otra obra"))) ==
          "not_current_member");
    REQUIRE(c.run(app::void_evidence(c.vocalia, after->id, "Foto de otra obra")));
    CHECK(error_of(c.run(app::void_evidence(c.vocalia, after->id, "Otra vez"))) ==
          "already_voided");
    CHECK(board().photos_after == 0);
    followup_clinic other;
    CHECK(error_of(other.run(app::void_evidence(other.vocalia, after->id, "x"))) ==
          "evidence_not_found");
    auto db = c.s.readers().acquire();
    auto detail = app::read_work(*db, followup_clinic::clues, id);
    REQUIRE(detail);
    REQUIRE(detail->evidence.size() == 1);
    CHECK(detail->evidence[0].void_reason == "Foto de otra obra");
    CHECK_FALSE(detail->evidence[0].taken_at); // an empty time is no time
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'evidence.voided'") == 1);
}

} // namespace followup_write_test
