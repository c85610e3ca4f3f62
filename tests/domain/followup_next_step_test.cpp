// What a work item needs next, as the committee reads it on the phone.
#include "domain/followup/next_step.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

// Named so that the files of a unity batch (tests/CMakeLists.txt) keep their helpers apart.
namespace followup_next_step_test {

namespace {

work_item item_in(work_state s) {
    work_item w;
    w.state = s;
    return w;
}

std::vector<std::string> texts(const std::vector<requirement>& r) {
    std::vector<std::string> out;
    for (const auto& x : r)
        out.push_back(x.text);
    return out;
}

} // namespace

TEST_CASE("next_after follows the forward path and stops off it") {
    CHECK(next_after(work_state::planeado) == work_state::cotizando);
    CHECK(next_after(work_state::cotizando) == work_state::contratado);
    CHECK(next_after(work_state::contratado) == work_state::en_ejecucion);
    CHECK(next_after(work_state::en_ejecucion) == work_state::entregado);
    CHECK(next_after(work_state::entregado) == work_state::verificado);
    CHECK(next_after(work_state::verificado) == work_state::verificado);
    CHECK(next_after(work_state::detenido) == work_state::detenido);
    CHECK(next_after(work_state::cancelado) == work_state::cancelado);
}

TEST_CASE("cotizando lists the quotes and the choice still missing") {
    work_proof p;
    auto r = missing_for(item_in(work_state::cotizando), p);
    REQUIRE(r.size() == 2);
    CHECK(r[0].code == "quotes_missing");
    CHECK(r[0].text == "Faltan 3 cotizaciones");
    CHECK(r[1].code == "quote_not_chosen");
    CHECK(r[1].text == "Falta elegir una cotización");
    p.quotes = 2;
    CHECK(texts(missing_for(item_in(work_state::cotizando), p)) ==
          std::vector<std::string>{"Falta 1 cotización", "Falta elegir una cotización"});
    p.quote_exception = true;
    p.chosen_quote = 4;
    r = missing_for(item_in(work_state::cotizando), p);
    REQUIRE(r.size() == 1);
    CHECK(r[0].code == "move_contratado");
}

TEST_CASE("en_ejecucion lists the after photo and the acta, then the move") {
    work_proof p;
    CHECK(
        texts(missing_for(item_in(work_state::en_ejecucion), p)) ==
        std::vector<std::string>{"Falta la foto de después", "Falta el acta de entrega-recepción"});
    p.photos_after = 1;
    p.entrega_recepcion = true;
    auto r = missing_for(item_in(work_state::en_ejecucion), p);
    REQUIRE(r.size() == 1);
    CHECK(r[0].code == "move_entregado");
}

TEST_CASE("entregado asks for confirmations until two roles confirmed") {
    work_proof p;
    auto none = missing_for(item_in(work_state::entregado), p);
    REQUIRE(none.size() == 1);
    CHECK(none[0].code == "confirmations_missing");
    p.confirmations = {{1, committee_role::tesoreria}};
    CHECK(texts(missing_for(item_in(work_state::entregado), p)) ==
          std::vector<std::string>{"Falta la confirmación de un integrante con otro cargo"});
    p.confirmations.push_back({2, committee_role::aval_ciudadano});
    CHECK(missing_for(item_in(work_state::entregado), p)[0].code == "move_verificado");
}

TEST_CASE("states that only need a move say which; closed states need nothing") {
    work_proof p;
    CHECK(texts(missing_for(item_in(work_state::planeado), p)) ==
          std::vector<std::string>{"Empezar a cotizar"});
    CHECK(missing_for(item_in(work_state::planeado), p)[0].code == "move_cotizando");
    CHECK(texts(missing_for(item_in(work_state::contratado), p)) ==
          std::vector<std::string>{"Marcar en ejecución"});
    CHECK(missing_for(item_in(work_state::detenido), p)[0].code == "resume");
    CHECK(texts(missing_for(item_in(work_state::detenido), p)) ==
          std::vector<std::string>{"Reanudar"});
    CHECK(missing_for(item_in(work_state::verificado), p).empty());
    CHECK(missing_for(item_in(work_state::cancelado), p).empty());
}

} // namespace followup_next_step_test
