// The work item's state machine: the forward path with its proof, stopping, resuming, cancelling.
#include "domain/followup/work_transition.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_transition_test {

namespace {

work_item item_in(work_state s) {
    work_item w;
    w.id = 7;
    w.title = "Impermeabilización del techo";
    w.approved = 15'000'000;
    w.state = s;
    return w;
}

// Everything every forward move needs.
work_proof full_proof() {
    work_proof p;
    p.quotes = 3;
    p.chosen_quote = 2;
    p.photos_before = 1;
    p.photos_after = 1;
    p.entrega_recepcion = true;
    p.confirmations = {{10, committee_role::presidencia}, {11, committee_role::tesoreria}};
    return p;
}

std::string code_of(const status& s) {
    return s ? std::string("ok") : s.error().code;
}

bool mentions(const status& s, std::string_view text) {
    return !s && s.error().message.find(text) != std::string::npos;
}

} // namespace

TEST_CASE("the happy path goes planeado to verificado one step at a time") {
    auto w = item_in(work_state::planeado);
    const auto proof = full_proof();
    for (auto to : {work_state::cotizando, work_state::contratado, work_state::en_ejecucion,
                    work_state::entregado, work_state::verificado}) {
        auto moved = apply_move(w, to, proof, "");
        REQUIRE(moved);
        CHECK(moved->state == to);
        CHECK_FALSE(moved->resumes_to);
        w = *moved;
    }
    CHECK(w.state == work_state::verificado);
    CHECK(code_of(check_move(w, work_state::cancelado, proof, "ya no")) == "work_closed");
}

TEST_CASE("no skipping, no going back, no standing still") {
    const auto proof = full_proof();
    auto skip = check_move(item_in(work_state::planeado), work_state::contratado, proof, "");
    CHECK(code_of(skip) == "work_move_not_allowed");
    CHECK(skip.error().kind == error_kind::conflict);
    CHECK(mentions(skip, "Planeado"));
    CHECK(mentions(skip, "Contratado"));
    CHECK(mentions(skip, "El siguiente paso es Cotizando"));
    CHECK(code_of(check_move(item_in(work_state::entregado), work_state::en_ejecucion, proof,
                             "")) == "work_move_not_allowed");
    CHECK(code_of(check_move(item_in(work_state::cotizando), work_state::cotizando, proof, "")) ==
          "work_move_not_allowed");
    CHECK(code_of(check_move(item_in(work_state::cotizando), work_state::planeado, proof, "")) ==
          "work_move_not_allowed");
}

TEST_CASE("contratado needs three quotes or a written exception, and a chosen one") {
    auto w = item_in(work_state::cotizando);
    auto proof = full_proof();
    proof.quotes = 1;
    auto two_short = check_move(w, work_state::contratado, proof, "");
    CHECK(code_of(two_short) == "quotes_missing");
    CHECK(mentions(two_short, "faltan 2 cotizaciones"));
    proof.quotes = 2;
    CHECK(mentions(check_move(w, work_state::contratado, proof, ""), "falta 1 cotización"));
    proof.quote_exception = true;
    CHECK(check_move(w, work_state::contratado, proof, ""));
    proof.quote_exception = false;
    proof.quotes = 3;
    proof.chosen_quote.reset();
    CHECK(code_of(check_move(w, work_state::contratado, proof, "")) == "quote_not_chosen");
}

TEST_CASE("entregado needs the after photo and the entrega-recepción") {
    auto w = item_in(work_state::en_ejecucion);
    auto proof = full_proof();
    proof.photos_after = 0;
    CHECK(code_of(check_move(w, work_state::entregado, proof, "")) == "photo_after_missing");
    proof.photos_after = 2;
    proof.entrega_recepcion = false;
    auto no_acta = check_move(w, work_state::entregado, proof, "");
    CHECK(code_of(no_acta) == "entrega_recepcion_missing");
    CHECK(mentions(no_acta, "entrega-recepción"));
}

TEST_CASE("verificado needs two members of different roles: no one closes alone") {
    auto w = item_in(work_state::entregado);
    auto proof = full_proof();
    proof.confirmations = {};
    CHECK(code_of(check_move(w, work_state::verificado, proof, "")) == "confirmations_missing");
    proof.confirmations = {{10, committee_role::presidencia}};
    CHECK(code_of(check_move(w, work_state::verificado, proof, "")) == "confirmations_missing");
    proof.confirmations = {{10, committee_role::presidencia}, {10, committee_role::tesoreria}};
    CHECK(code_of(check_move(w, work_state::verificado, proof, "")) == "confirmations_missing");
    proof.confirmations = {{10, committee_role::vocalia}, {11, committee_role::vocalia}};
    CHECK(code_of(check_move(w, work_state::verificado, proof, "")) == "confirmations_missing");
    proof.confirmations = {{10, committee_role::vocalia}, {11, committee_role::aval_ciudadano}};
    CHECK(check_move(w, work_state::verificado, proof, ""));
}

TEST_CASE("detenido keeps the state it left and resumes only there") {
    const auto proof = full_proof();
    auto stopped = apply_move(item_in(work_state::en_ejecucion), work_state::detenido, proof,
                              "El proveedor no se presentó");
    REQUIRE(stopped);
    CHECK(stopped->state == work_state::detenido);
    CHECK(stopped->resumes_to == work_state::en_ejecucion);
    auto elsewhere = check_move(*stopped, work_state::entregado, proof, "");
    CHECK(code_of(elsewhere) == "work_move_not_allowed");
    CHECK(mentions(elsewhere, "se reanuda en En ejecución"));
    CHECK(code_of(check_move(*stopped, work_state::detenido, proof, "otra vez")) ==
          "work_move_not_allowed");
    // Resuming needs no new proof: the state was already earned.
    auto resumed = apply_move(*stopped, work_state::en_ejecucion, work_proof{}, "");
    REQUIRE(resumed);
    CHECK(resumed->state == work_state::en_ejecucion);
    CHECK_FALSE(resumed->resumes_to);
    // A stopped item that does not know where it left, or "left" a closed state, does not move.
    auto lost = item_in(work_state::detenido);
    CHECK(code_of(check_move(lost, work_state::cotizando, proof, "")) == "work_move_not_allowed");
    lost.resumes_to = work_state::verificado;
    CHECK(code_of(check_move(lost, work_state::verificado, proof, "")) == "work_move_not_allowed");
}

TEST_CASE("stopping and cancelling need a reason, within its limit") {
    const auto proof = full_proof();
    auto blank = check_move(item_in(work_state::planeado), work_state::detenido, proof, "  \n ");
    CHECK(code_of(blank) == "reason_required");
    CHECK(blank.error().kind == error_kind::invalid);
    CHECK(blank.error().field == "reason");
    CHECK(code_of(check_move(item_in(work_state::contratado), work_state::cancelado, proof, "")) ==
          "reason_required");
    std::string long_reason(500, 'x');
    CHECK(check_move(item_in(work_state::contratado), work_state::cancelado, proof, long_reason));
    CHECK(code_of(check_move(item_in(work_state::contratado), work_state::cancelado, proof,
                             long_reason + "y")) == "reason_too_long");
    // 500 characters of two bytes each are still 500 characters.
    std::string accented;
    for (int i = 0; i < 500; ++i)
        accented += "é";
    CHECK(check_move(item_in(work_state::contratado), work_state::cancelado, proof, accented));
    CHECK(code_of(check_move(item_in(work_state::contratado), work_state::cancelado, proof,
                             "\xFF")) == "reason_invalid");
}

TEST_CASE("cancel from any open state, detenido included; nothing leaves a closed state") {
    const auto proof = full_proof();
    for (auto s : {work_state::planeado, work_state::cotizando, work_state::contratado,
                   work_state::en_ejecucion, work_state::entregado})
        CHECK(check_move(item_in(s), work_state::cancelado, proof, "Se cambió la prioridad"));
    auto stopped = item_in(work_state::detenido);
    stopped.resumes_to = work_state::cotizando;
    auto cancelled = apply_move(stopped, work_state::cancelado, proof, "No hubo proveedor");
    REQUIRE(cancelled);
    CHECK(cancelled->state == work_state::cancelado);
    CHECK_FALSE(cancelled->resumes_to);
    auto closed = check_move(*cancelled, work_state::planeado, proof, "reabrir");
    CHECK(code_of(closed) == "work_closed");
    CHECK(mentions(closed, "Cancelado"));
    CHECK(code_of(check_move(item_in(work_state::verificado), work_state::detenido, proof,
                             "revisar")) == "work_closed");
}

TEST_CASE("the moves offered from each state, proof aside") {
    using ws = work_state;
    CHECK(possible_moves(item_in(ws::planeado)) ==
          std::vector<ws>{ws::cotizando, ws::detenido, ws::cancelado});
    CHECK(possible_moves(item_in(ws::en_ejecucion)) ==
          std::vector<ws>{ws::entregado, ws::detenido, ws::cancelado});
    // Verificado comes from two confirmations, not from a move button.
    CHECK(possible_moves(item_in(ws::entregado)) == std::vector<ws>{ws::detenido, ws::cancelado});
    CHECK(possible_moves(item_in(ws::verificado)).empty());
    CHECK(possible_moves(item_in(ws::cancelado)).empty());
    auto stopped = item_in(ws::detenido);
    stopped.resumes_to = ws::contratado;
    CHECK(possible_moves(stopped) == std::vector<ws>{ws::contratado, ws::cancelado});
    stopped.resumes_to.reset();
    CHECK(possible_moves(stopped) == std::vector<ws>{ws::cancelado});
}

} // namespace followup_transition_test
