// The COSABI's follow-up as a room runs it (tests/app/run_command.hpp) against a real store: a
// work item from planeado to verificado with its quotes, evidence, CFDI expenses and two
// confirmations, and each refusal on the way.
#include "app/followup/followup.hpp"
#include "followup_fixture.hpp"

#include <algorithm>

using namespace asamblea;
using domain::work_state;
using test::followup_clinic;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_test {

namespace {

template <class T> std::string error_of(const domain::result<T>& r) {
    REQUIRE_FALSE(r);
    return r.error().code;
}

app::new_work fridge(std::int64_t user) {
    return {2026,
            "Refrigerador de vacunas",
            domain::category::equipamiento,
            500000,
            0,
            "Se descompuso el anterior",
            user};
}

app::quote_input quote(const std::string& rfc, domain::centavos amount, const std::string& file) {
    return {"Proveedor " + rfc, rfc, amount, "2026-03-01", "2026-04-01", file};
}

work_state state_of(followup_clinic& c, std::int64_t work_id) {
    auto db = c.s.readers().acquire();
    auto w = app::read_work(*db, followup_clinic::clues, work_id);
    REQUIRE(w);
    return w->summary.item.state;
}

} // namespace

TEST_CASE("only a member of the clinic's current COSABI records the follow-up") {
    followup_clinic c;
    auto db = c.s.readers().acquire();
    auto actor = app::current_member(*db, followup_clinic::clues, c.tesoreria);
    REQUIRE(actor);
    CHECK(actor->role == domain::committee_role::tesoreria);
    CHECK(actor->term == 2026);
    CHECK(actor->member_id == c.tesoreria_member);
    for (auto user : {c.former, c.coordinator, std::int64_t{0}, std::int64_t{999}}) {
        auto refused = app::current_member(*db, followup_clinic::clues, user);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == "not_current_member");
        CHECK(refused.error().kind == domain::error_kind::forbidden);
    }
    // Members of this clinic are nobody at another one.
    CHECK(error_of(app::current_member(*db, followup_clinic::other, c.presidencia)) ==
          "not_current_member");

    auto work = c.run(app::add_work_item(fridge(c.coordinator)));
    REQUIRE(work);
    CHECK(error_of(c.run(app::move_work(c.former, work->work_id, work_state::cotizando, ""))) ==
          "not_current_member");
    CHECK(error_of(c.run(app::move_work(c.coordinator, work->work_id, work_state::cotizando,
                                        ""))) == "not_current_member");
    CHECK(error_of(c.run(app::add_note(c.former, work->work_id, "Hola"))) == "not_current_member");
    CHECK(c.count("SELECT count(*) FROM work_moves") == 0);
}

TEST_CASE("another clinic's work item is not found, whatever the command") {
    followup_clinic c;
    auto theirs = c.other_work;
    auto not_found = [](const domain::result<app::work_event>& r) {
        REQUIRE_FALSE(r);
        CHECK(r.error().code == "work_not_found");
        CHECK(r.error().kind == domain::error_kind::not_found);
    };
    not_found(c.run(app::move_work(c.presidencia, theirs, work_state::cotizando, "")));
    not_found(c.run(app::add_note(c.presidencia, theirs, "Nota")));
    not_found(c.run(app::add_quote(c.presidencia, theirs,
                                   quote(test::rfc_with_digit("EKU900317SA"), 1000, c.files.pdf()),
                                   c.files)));
    not_found(c.run(app::confirm_work(c.presidencia, theirs)));
    not_found(c.run(app::add_evidence(
        c.presidencia, theirs, {domain::evidence_kind::foto_antes, c.files.jpeg(), {}, {}, {}, ""},
        c.files)));
    auto db = c.s.readers().acquire();
    CHECK(error_of(app::read_work(*db, followup_clinic::clues, theirs)) == "work_not_found");
    CHECK(app::read_work(*db, followup_clinic::other, theirs));
}

TEST_CASE("a work item goes from planeado to verificado with its proof, and no one closes alone") {
    auto sample = test::cfdi_sample();
    if (!sample)
        return;
    followup_clinic c;
    auto& files = c.files;

    // The coordinator's addition needs its reason and must fit the balance.
    auto no_reason = fridge(c.coordinator);
    no_reason.reason = " ";
    CHECK(error_of(c.run(app::add_work_item(no_reason))) == "reason_required");
    auto too_big = fridge(c.coordinator);
    too_big.approved = 60000001;
    CHECK(error_of(c.run(app::add_work_item(too_big))) == "over_balance");
    auto created = c.run(app::add_work_item(fridge(c.coordinator)));
    REQUIRE(created);
    auto id = created->work_id;
    CHECK(created->id == id);
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'work.created'") == 1);

    // Moves are one step at a time, each with its proof.
    CHECK(error_of(c.run(app::move_work(c.presidencia, id, work_state::contratado, ""))) ==
          "work_move_not_allowed");
    REQUIRE(c.run(app::move_work(c.presidencia, id, work_state::cotizando, "")));
    CHECK(error_of(c.run(app::move_work(c.presidencia, id, work_state::contratado, ""))) ==
          "quotes_missing");

    // Three quotes: the file must exist; a wrong check digit only warns.
    auto a_rfc = std::string("EKU9003173C9"); // the sample invoice's issuer
    auto b_rfc = test::rfc_with_digit("AAA010101AA");
    auto bad_digit = test::rfc_with_digit("BBB020202BB", false);
    CHECK(error_of(c.run(app::add_quote(c.presidencia, id,
                                        quote(a_rfc, 232000, std::string(64, '0')), files))) ==
          "file_not_found");
    auto qa = c.run(app::add_quote(c.presidencia, id, quote(a_rfc, 232000, files.pdf()), files));
    REQUIRE(qa);
    CHECK(qa->warnings.empty());
    CHECK(error_of(c.run(app::add_quote(c.presidencia, id, quote(a_rfc, 1000, files.pdf()),
                                        files))) == "supplier_already_quoted");
    auto qb = c.run(app::add_quote(c.vocalia, id, quote(b_rfc, 200000, files.pdf()), files));
    REQUIRE(qb);
    CHECK(error_of(c.run(app::move_work(c.presidencia, id, work_state::contratado, ""))) ==
          "quotes_missing");
    auto qc =
        c.run(app::add_quote(c.presidencia, id, quote(bad_digit, 250000, files.jpeg()), files));
    REQUIRE(qc);
    CHECK(qc->warnings == std::vector<std::string>{"rfc_digit"});
    CHECK(error_of(c.run(app::move_work(c.presidencia, id, work_state::contratado, ""))) ==
          "quote_not_chosen");

    // The chosen quote is not the cheapest: it needs a public reason.
    CHECK(error_of(c.run(app::choose_quote(c.presidencia, id, qa->id, ""))) == "reason_required");
    CHECK(error_of(c.run(app::choose_quote(c.presidencia, id, c.other_work + 1000, "x"))) ==
          "quote_not_found");
    REQUIRE(c.run(app::choose_quote(c.presidencia, id, qb->id, ""))); // the cheapest, no reason
    REQUIRE(c.run(app::choose_quote(c.presidencia, id, qa->id,
                                    "Incluye la instalación y dos años de garantía")));
    REQUIRE(c.run(app::move_work(c.presidencia, id, work_state::contratado, "")));
    // Quotes are closed once contracted.
    CHECK(error_of(c.run(app::add_quote(c.presidencia, id,
                                        quote(test::rfc_with_digit("CCC030303CC"), 1, files.pdf()),
                                        files))) == "quotes_closed");
    CHECK(error_of(c.run(app::void_quote(c.presidencia, qc->id, "Ya no"))) == "quotes_closed");

    // Evidence: a photo must be an image, judged from its bytes.
    auto pdf_photo = files.pdf();
    CHECK(error_of(c.run(app::add_evidence(
              c.vocalia, id, {domain::evidence_kind::foto_antes, pdf_photo, {}, {}, {}, ""},
              files))) == "file_kind_not_allowed");
    CHECK(error_of(c.run(app::add_evidence(
              c.vocalia, id,
              {domain::evidence_kind::foto_antes, std::string(64, '1'), {}, {}, {}, ""}, files))) ==
          "file_not_found");
    auto before = c.run(app::add_evidence(c.vocalia, id,
                                          {domain::evidence_kind::foto_antes, files.jpeg(),
                                           "2026-03-02T10:00:00-06:00", 16.9, -92.1, "Antes"},
                                          files));
    REQUIRE(before);
    CHECK(before->id > 0);

    // Expenses: tesorería only, from the CFDI's XML.
    auto xml = files.add(*sample);
    auto invoice_pdf = files.pdf();
    app::expense_input sample_expense{xml, invoice_pdf, ""};
    CHECK(error_of(c.run(app::record_expense(c.presidencia, id, sample_expense, files))) ==
          "tesoreria_only");
    CHECK(error_of(c.run(app::record_expense(c.tesoreria, id, {xml, files.jpeg(), ""}, files))) ==
          "file_kind_not_allowed");
    auto spent = c.run(app::record_expense(c.tesoreria, id, sample_expense, files));
    REQUIRE(spent);
    CHECK(spent->warnings.empty());
    {
        auto db = c.s.readers().acquire();
        auto w = app::read_work(*db, followup_clinic::clues, id);
        REQUIRE(w);
        REQUIRE(w->expenses.size() == 1);
        CHECK(w->expenses[0].amount == 232000);
        CHECK(w->expenses[0].cfdi_uuid == test::sample_uuid);
        CHECK(w->expenses[0].emisor_rfc == "EKU9003173C9");
        CHECK(w->summary.money.comprometido == 232000);
        CHECK(w->summary.money.ejercido == 232000);
        CHECK(w->summary.money.saldo == 0);
    }
    // The same invoice again, even as another file, is refused and names where it was used.
    auto same_again = c.run(app::record_expense(c.tesoreria, id, sample_expense, files));
    CHECK(error_of(same_again) == "cfdi_uuid_used");
    CHECK(same_again.error().message.find(followup_clinic::clues) != std::string::npos);
    // Another invoice would pass the contracted amount.
    auto one_peso =
        files.add(test::cfdi_variant(*sample, "11111111-2222-4333-8444-555555555555", "1.00"));
    CHECK(error_of(c.run(app::record_expense(c.tesoreria, id, {one_peso, files.pdf(), ""},
                                             files))) == "over_contract");

    // Voided, the invoice is free again (and only tesorería voids).
    CHECK(error_of(c.run(app::void_expense(c.presidencia, spent->id, "Factura equivocada"))) ==
          "tesoreria_only");
    CHECK(error_of(c.run(app::void_expense(c.tesoreria, spent->id, ""))) == "reason_required");
    REQUIRE(c.run(app::void_expense(c.tesoreria, spent->id, "Factura equivocada")));
    CHECK(error_of(c.run(app::void_expense(c.tesoreria, spent->id, "Otra vez"))) ==
          "already_voided");
    auto reused = c.run(app::record_expense(c.tesoreria, id, sample_expense, files));
    REQUIRE(reused);
    CHECK(reused->id != spent->id);

    // Delivered: the "after" photo and the acta de entrega-recepción.
    REQUIRE(c.run(app::move_work(c.presidencia, id, work_state::en_ejecucion, "")));
    CHECK(error_of(c.run(app::move_work(c.presidencia, id, work_state::entregado, ""))) ==
          "photo_after_missing");
    REQUIRE(c.run(app::add_evidence(
        c.vocalia, id, {domain::evidence_kind::foto_despues, files.jpeg(), {}, {}, {}, ""},
        files)));
    CHECK(error_of(c.run(app::move_work(c.presidencia, id, work_state::entregado, ""))) ==
          "entrega_recepcion_missing");
    REQUIRE(c.run(app::add_evidence(
        c.vocalia, id, {domain::evidence_kind::entrega_recepcion, files.pdf(), {}, {}, {}, ""},
        files)));
    CHECK(error_of(c.run(app::move_work(c.presidencia, id, work_state::verificado, ""))) ==
          "work_move_not_allowed");
    REQUIRE(c.run(app::move_work(c.presidencia, id, work_state::entregado, "")));
    CHECK(error_of(c.run(app::move_work(c.presidencia, id, work_state::verificado, ""))) ==
          "confirmations_missing");

    // Equipment data once delivered.
    REQUIRE(c.run(app::set_equipment(c.presidencia, id, {"Marca", "R-200", {"SN-1"}, {"INV-7"}})));

    // Two members of different roles verify it; the same one twice does not.
    auto first = c.run(app::confirm_work(c.presidencia, id));
    REQUIRE(first);
    CHECK(state_of(c, id) == work_state::entregado);
    CHECK(error_of(c.run(app::confirm_work(c.presidencia, id))) == "already_confirmed");
    CHECK(error_of(c.run(app::confirm_work(c.former, id))) == "not_current_member");
    auto second = c.run(app::confirm_work(c.tesoreria, id));
    REQUIRE(second);
    CHECK(state_of(c, id) == work_state::verificado);
    CHECK(error_of(c.run(app::confirm_work(c.vocalia, id))) == "work_closed");

    REQUIRE(c.run(app::add_note(c.vocalia, id, "Funciona bien")));

    auto db = c.s.readers().acquire();
    auto detail = app::read_work(*db, followup_clinic::clues, id);
    REQUIRE(detail);
    CHECK(detail->chosen_quote == qa->id);
    CHECK(detail->chosen_reason == "Incluye la instalación y dos años de garantía");
    CHECK(detail->origin == "coordinacion");
    CHECK(detail->origin_reason == "Se descompuso el anterior");
    CHECK(detail->summary.item.quantity == 1);
    CHECK(detail->summary.quotes == 3);
    CHECK(detail->summary.photos_before == 1);
    CHECK(detail->summary.photos_after == 1);
    CHECK(detail->summary.entrega_recepcion);
    CHECK(detail->summary.confirmations == 2);
    CHECK(detail->summary.next.empty());
    CHECK(detail->serials == std::vector<std::string>{"SN-1"});
    REQUIRE(detail->notes.size() == 1);
    CHECK(detail->notes[0].by.role == domain::committee_role::vocalia); // who wrote it
    CHECK(detail->summary.confirmed_roles ==
          std::vector{domain::committee_role::presidencia, domain::committee_role::tesoreria});
    REQUIRE(detail->evidence.size() == 3);
    CHECK(detail->evidence[0].mime == "image/jpeg");
    CHECK(detail->evidence[0].size_bytes > 0);
    CHECK(detail->evidence[0].latitude == doctest::Approx(16.9));
    std::vector<std::pair<work_state, work_state>> moves;
    for (const auto& m : detail->moves)
        moves.emplace_back(m.from, m.to);
    CHECK(moves == std::vector<std::pair<work_state, work_state>>{
                       {work_state::planeado, work_state::cotizando},
                       {work_state::cotizando, work_state::contratado},
                       {work_state::contratado, work_state::en_ejecucion},
                       {work_state::en_ejecucion, work_state::entregado},
                       {work_state::entregado, work_state::verificado}});
    CHECK(detail->moves.back().member_id == c.tesoreria_member); // the second confirmer
    CHECK(detail->moves.back().by.role == domain::committee_role::tesoreria);
    CHECK(detail->moves.front().by.role == domain::committee_role::presidencia);
    CHECK_FALSE(detail->moves.front().by.name.empty());

    auto board = app::read_board(*db, followup_clinic::clues, std::nullopt, "2026-12-20");
    REQUIRE(board);
    CHECK(board->edition == 2026);
    CHECK(board->editions == std::vector<int>{2026});
    REQUIRE(board->works.size() == 1);
    CHECK(board->budget == 60000000);
    CHECK(board->clinic.ejercido == 232000);
    CHECK(board->clinic.comprobado == 232000);
    CHECK(board->clinic.saldo == 60000000 - 232000);
    CHECK(board->score.proven_percent() == 100);
    CHECK(board->score.photos_percent() == 100);
    CHECK(board->deadline == "2026-12-24");
    REQUIRE(board->deadline_status);
    CHECK(board->deadline_status->level == domain::deadline_level::urgente);

    // Every change is on the clinic's chain; personal data is not.
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'quote.added'") == 3);
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'quote.chosen'") == 2);
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'expense.recorded'") == 2);
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'expense.voided'") == 1);
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'evidence.added'") == 3);
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'work.confirmed'") == 2);
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'work.moved'") == 5);
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'work.equipment'") == 1);
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'work.note'") == 1);
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE clues = 'CSIMB000001' AND (payload "
                  "LIKE '%Funciona bien%' OR payload LIKE '%16.9%' OR payload LIKE "
                  "'%presidencia\"%nombre%')") == 0);
}

TEST_CASE("two expenses cannot pass the clinic's budget; an exception stands for three quotes") {
    auto sample = test::cfdi_sample();
    if (!sample)
        return;
    // 3,000 pesos: the sample's 2,320 fits once, not twice.
    followup_clinic c(300000);
    auto& files = c.files;
    // Both fit the budget when added (1,000 pesos each); contracting is what binds, and the
    // quotes may pass what was approved.
    auto add = [&](const std::string& title) {
        auto work = c.run(app::add_work_item(
            {2026, title, domain::category::mejoramiento, 100000, 5, "Urgente", c.coordinator}));
        REQUIRE(work);
        return work->work_id;
    };
    auto first = add("Pintura");
    auto second = add("Puertas");
    auto contract = [&](std::int64_t id, const std::string& rfc) {
        CHECK(error_of(c.run(app::set_quote_exception(c.presidencia, id, ""))) ==
              "reason_required");
        REQUIRE(c.run(
            app::set_quote_exception(c.presidencia, id, "Solo un proveedor llega a la comunidad")));
        auto q = c.run(app::add_quote(c.presidencia, id, quote(rfc, 290000, files.pdf()), files));
        REQUIRE(q);
        REQUIRE(c.run(app::choose_quote(c.presidencia, id, q->id, "")));
        REQUIRE(c.run(app::move_work(c.presidencia, id, work_state::cotizando, "")));
        REQUIRE(c.run(app::move_work(c.presidencia, id, work_state::contratado, "")));
    };
    contract(first, "EKU9003173C9");
    contract(second, test::rfc_with_digit("AAA010101AA"));
    {
        auto db = c.s.readers().acquire();
        auto w = app::read_work(*db, followup_clinic::clues, first);
        REQUIRE(w);
        CHECK(w->summary.item.quantity == 0); // only equipment counts units
    }
    REQUIRE(c.run(
        app::record_expense(c.tesoreria, first, {files.add(*sample), files.pdf(), ""}, files)));
    auto another =
        files.add(test::cfdi_variant(*sample, "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE", "2320.00"));
    CHECK(error_of(c.run(app::record_expense(c.tesoreria, second, {another, files.pdf(), ""},
                                             files))) == "over_balance");
    // Cancelling the first work does not give back what it spent.
    REQUIRE(c.run(
        app::move_work(c.presidencia, first, work_state::cancelado, "El proveedor no cumplió")));
    CHECK(error_of(c.run(app::record_expense(c.tesoreria, second, {another, files.pdf(), ""},
                                             files))) == "over_balance");
    CHECK(error_of(c.run(app::record_expense(c.tesoreria, first, {another, files.pdf(), ""},
                                             files))) == "expense_not_allowed");
    auto small =
        files.add(test::cfdi_variant(*sample, "AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEE0", "600.00"));
    CHECK(c.run(app::record_expense(c.tesoreria, second, {small, files.pdf(), ""}, files)));
}

TEST_CASE("a stopped work item resumes where it was; notes, equipment and deadlines") {
    followup_clinic c;
    auto work = c.run(app::add_work_item(fridge(c.coordinator)));
    REQUIRE(work);
    auto id = work->work_id;
    CHECK(error_of(c.run(app::move_work(c.presidencia, id, work_state::detenido, ""))) ==
          "reason_required");
    REQUIRE(c.run(app::move_work(c.presidencia, id, work_state::detenido, "Sin luz")));
    CHECK(error_of(c.run(app::move_work(c.presidencia, id, work_state::cotizando, ""))) ==
          "work_move_not_allowed");
    REQUIRE(c.run(app::move_work(c.presidencia, id, work_state::planeado, "")));
    CHECK(error_of(c.run(app::set_equipment(c.presidencia, id, {"Marca", "M", {}, {}}))) ==
          "equipment_not_delivered");
    CHECK(error_of(c.run(app::add_note(c.presidencia, id, "   "))) == "invalid_field");

    CHECK(error_of(c.run(app::set_deadline(2026, "2026-02-30", c.coordinator))) ==
          "deadline_invalid");
    REQUIRE(c.run(app::set_deadline(2026, "2026-11-30", c.coordinator)));
    auto db = c.s.readers().acquire();
    auto board = app::read_board(*db, followup_clinic::clues, 2026, "2026-06-01");
    REQUIRE(board);
    CHECK(board->deadline == "2026-11-30");
    CHECK(board->deadline_status->level == domain::deadline_level::lejos);
    REQUIRE(board->works.size() == 1);
    REQUIRE_FALSE(board->works[0].next.empty());
    CHECK(board->works[0].next[0].code == "move_cotizando");
    CHECK(c.count("SELECT count(*) FROM audit_events WHERE type = 'deadline.set' AND "
                  "coalesce(clues, '') = ''") == 1);
    auto empty = app::read_board(*db, followup_clinic::clues, 2025, "2026-06-01");
    REQUIRE(empty);
    CHECK(empty->works.empty());
    CHECK(error_of(app::read_board(*db, "CSIMB999999", std::nullopt, "2026-06-01")) == "not_found");
}

} // namespace followup_test
