#pragma once
/// What a work item needs next, phrased for the committee's phone: the proof still missing for
/// its next state, or the move it is ready for.

#include "domain/followup/work_item.hpp"
#include "domain/followup/work_proof.hpp"

#include <string>
#include <vector>

namespace asamblea::domain {

/// The next state on the forward path planeado → cotizando → contratado → en_ejecucion →
/// entregado → verificado; verificado, detenido and cancelado have none and return themselves.
work_state next_after(work_state s);

/// One thing to do. `code` is stable: a refusal code of check_move (quotes_missing,
/// quote_not_chosen, photo_after_missing, entrega_recepcion_missing, confirmations_missing) when
/// proof is missing, "move_<state>" when the work is ready to move there, "resume" when detenido.
struct requirement {
    std::string code;
    std::string text; // Spanish, short: "Faltan 2 cotizaciones", "Marcar en ejecución"
};

/// What the work item needs before its next move, in the order to do it: every missing proof
/// for the next state, or the move itself when nothing is missing. Empty when closed.
std::vector<requirement> missing_for(const work_item& item, const work_proof& proof);

} // namespace asamblea::domain
