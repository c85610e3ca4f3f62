#include "domain/followup/work_state.hpp"

#include <array>
#include <cstddef>

namespace asamblea::domain {
namespace {

constexpr std::array<std::string_view, 8> work_state_names = {
    "planeado",  "cotizando",  "contratado", "en_ejecucion",
    "entregado", "verificado", "detenido",   "cancelado"};
constexpr std::array<std::string_view, 8> work_state_labels = {
    "Planeado",  "Cotizando",  "Contratado", "En ejecución",
    "Entregado", "Verificado", "Detenido",   "Cancelado"};

constexpr std::array<std::string_view, 6> evidence_names = {
    "foto_antes", "foto_durante", "foto_despues", "entrega_recepcion", "contrato", "documento"};
constexpr std::array<std::string_view, 6> evidence_labels = {
    "Foto de antes", "Foto durante", "Foto de después", "Acta de entrega-recepción",
    "Contrato",      "Documento"};

template <class E, std::size_t N>
std::optional<E> parse_name(const std::array<std::string_view, N>& names, std::string_view text) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == text)
            return static_cast<E>(i);
    return std::nullopt;
}

} // namespace

std::string_view to_string(work_state s) {
    return work_state_names[static_cast<std::size_t>(s)];
}

std::optional<work_state> parse_work_state(std::string_view text) {
    return parse_name<work_state>(work_state_names, text);
}

std::string_view work_state_label(work_state s) {
    return work_state_labels[static_cast<std::size_t>(s)];
}

bool is_closed(work_state s) {
    return s == work_state::verificado || s == work_state::cancelado;
}

std::string_view to_string(evidence_kind k) {
    return evidence_names[static_cast<std::size_t>(k)];
}

std::optional<evidence_kind> parse_evidence_kind(std::string_view text) {
    return parse_name<evidence_kind>(evidence_names, text);
}

std::string_view evidence_kind_label(evidence_kind k) {
    return evidence_labels[static_cast<std::size_t>(k)];
}

bool is_photo(evidence_kind k) {
    return k == evidence_kind::foto_antes || k == evidence_kind::foto_durante ||
           k == evidence_kind::foto_despues;
}

} // namespace asamblea::domain
