// Work item states and evidence kinds: names round-trip, labels are Spanish, closed states.
#include "domain/followup/work_state.hpp"

#include <doctest/doctest.h>

using namespace asamblea::domain;

TEST_CASE("work states round-trip through their names and read in Spanish") {
    for (auto s : {work_state::planeado, work_state::cotizando, work_state::contratado,
                   work_state::en_ejecucion, work_state::entregado, work_state::verificado,
                   work_state::detenido, work_state::cancelado})
        CHECK(parse_work_state(to_string(s)) == s);
    CHECK(to_string(work_state::en_ejecucion) == "en_ejecucion");
    CHECK(work_state_label(work_state::en_ejecucion) == "En ejecución");
    CHECK(work_state_label(work_state::cancelado) == "Cancelado");
    CHECK_FALSE(parse_work_state("En ejecución"));
    CHECK_FALSE(parse_work_state(""));
}

TEST_CASE("only verificado and cancelado are closed") {
    CHECK(is_closed(work_state::verificado));
    CHECK(is_closed(work_state::cancelado));
    CHECK_FALSE(is_closed(work_state::detenido));
    CHECK_FALSE(is_closed(work_state::entregado));
}

TEST_CASE("evidence kinds: names, labels, which are photos") {
    for (auto k :
         {evidence_kind::foto_antes, evidence_kind::foto_durante, evidence_kind::foto_despues,
          evidence_kind::entrega_recepcion, evidence_kind::contrato, evidence_kind::documento})
        CHECK(parse_evidence_kind(to_string(k)) == k);
    CHECK(evidence_kind_label(evidence_kind::foto_despues) == "Foto de después");
    CHECK(evidence_kind_label(evidence_kind::entrega_recepcion) == "Acta de entrega-recepción");
    CHECK(is_photo(evidence_kind::foto_antes));
    CHECK(is_photo(evidence_kind::foto_durante));
    CHECK(is_photo(evidence_kind::foto_despues));
    CHECK_FALSE(is_photo(evidence_kind::contrato));
    CHECK_FALSE(is_photo(evidence_kind::entrega_recepcion));
    CHECK_FALSE(parse_evidence_kind("foto"));
}
