#pragma once
/// The states a work item (obra / equipo) goes through, and the kinds of evidence it collects.

#include <optional>
#include <string_view>

namespace asamblea::domain {

/// Forward path planeado → cotizando → contratado → en_ejecucion → entregado → verificado, plus
/// detenido (resumable) and cancelado; the moves are in work_transition.hpp.
enum class work_state {
    planeado,
    cotizando,
    contratado,
    en_ejecucion,
    entregado,
    verificado,
    detenido,
    cancelado
};

/// "planeado", "cotizando", ..., "cancelado": the stored and wire name.
std::string_view to_string(work_state s);
/// The state of a stored name; nullopt for a name this build does not know.
std::optional<work_state> parse_work_state(std::string_view text);
/// What people read: "Planeado", "Cotizando", "Contratado", "En ejecución", "Entregado",
/// "Verificado", "Detenido", "Cancelado".
std::string_view work_state_label(work_state s);
/// Verificado and cancelado are final: nothing moves out of them.
bool is_closed(work_state s);

/// What a piece of evidence attached to a work item shows.
enum class evidence_kind {
    foto_antes,
    foto_durante,
    foto_despues,
    entrega_recepcion,
    contrato,
    documento
};

/// "foto_antes", "foto_durante", "foto_despues", "entrega_recepcion", "contrato", "documento".
std::string_view to_string(evidence_kind k);
/// The kind of a stored name; nullopt for a name this build does not know.
std::optional<evidence_kind> parse_evidence_kind(std::string_view text);
/// What people read: "Foto de antes", "Foto durante", "Foto de después",
/// "Acta de entrega-recepción", "Contrato", "Documento".
std::string_view evidence_kind_label(evidence_kind k);
/// The three photo kinds (their public copies lose their metadata; only images are allowed).
bool is_photo(evidence_kind k);

} // namespace asamblea::domain
