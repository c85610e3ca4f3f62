#pragma once
/// The state machine of a work item: which moves exist and the proof each one needs.

#include "domain/error.hpp"
#include "domain/followup/work_item.hpp"
#include "domain/followup/work_proof.hpp"

#include <string_view>
#include <vector>

namespace asamblea::domain {

/// Whether `item` may move to `to`, given what has been gathered for it. The moves:
/// - forward, one step at a time (next_after): planeado → cotizando → contratado → en_ejecucion
///   → entregado → verificado; contratado needs required_quotes live quotes (or a written
///   exception) and a chosen one, entregado an "after" photo and the acta de entrega-recepción,
///   verificado two confirmations by different members with different roles;
/// - → detenido from any open state but detenido, with a reason; it resumes to the state it left;
/// - detenido → its `resumes_to`, and nowhere else but cancelado (resuming needs no new proof:
///   the state it returns to was already earned);
/// - → cancelado from any open state, detenido included, with a reason.
/// `reason` is only read for detenido and cancelado. Errors: conflict work_closed (verificado or
/// cancelado), work_move_not_allowed (naming both states), quotes_missing, quote_not_chosen,
/// photo_after_missing, entrega_recepcion_missing, confirmations_missing; invalid
/// reason_required / reason_too_long / reason_invalid (check_reason, field "reason").
status check_move(const work_item& item, work_state to, const work_proof& proof,
                  std::string_view reason);

/// check_move, then the item after the move: `resumes_to` holds the state left when stopping
/// and is cleared by any other move.
result<work_item> apply_move(const work_item& item, work_state to, const work_proof& proof,
                             std::string_view reason);

/// The moves the state machine has from where the item stands, proof aside (the screens offer
/// these; check_move still says what is missing): the next forward step (verificado only comes
/// from confirmations, so entregado offers none), detenido and cancelado while open; from
/// detenido its resumes_to and cancelado; nothing once closed.
std::vector<work_state> possible_moves(const work_item& item);

} // namespace asamblea::domain
