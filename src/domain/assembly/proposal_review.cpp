#include "domain/assembly/proposal_review.hpp"

#include "domain/assembly/text_field.hpp"

#include <array>

namespace asamblea::domain {
namespace {

constexpr std::array<std::string_view, 4> status_names = {"pendiente", "aceptada", "rechazada",
                                                          "fusionada"};

error wrong_status(proposal_status current, std::string_view action) {
    return {error_kind::conflict, "wrong_status",
            "No se puede " + std::string(action) + " una propuesta " +
                std::string(to_string(current)) + ".",
            "", 0};
}

} // namespace

std::string_view to_string(proposal_status s) {
    return status_names[static_cast<std::size_t>(s)];
}

std::optional<proposal_status> parse_proposal_status(std::string_view text) {
    for (std::size_t i = 0; i < status_names.size(); ++i)
        if (status_names[i] == text)
            return static_cast<proposal_status>(i);
    return std::nullopt;
}

result<proposal> check_new_proposal(proposal p, centavos clinic_budget) {
    auto title = clean_text(p.title, {"title", "el título", 3, max_title_chars, false});
    if (!title)
        return std::unexpected(title.error());
    auto description = clean_text(
        p.description, {"description", "la descripción", 0, max_description_chars, true});
    if (!description)
        return std::unexpected(description.error());
    if (p.cost <= 0)
        return fail(error_kind::invalid, "invalid_cost", "El costo debe ser mayor que cero.",
                    "cost_centavos");
    if (p.cost > clinic_budget)
        return fail(error_kind::invalid, "cost_over_budget",
                    "El costo (" + format_pesos(p.cost) +
                        ") es mayor que el presupuesto de la unidad (" +
                        format_pesos(clinic_budget) + ").",
                    "cost_centavos");
    p.title = std::move(*title);
    p.description = std::move(*description);
    return p;
}

status can_accept(proposal_status current) {
    if (current == proposal_status::pendiente || current == proposal_status::rechazada)
        return {};
    return std::unexpected(wrong_status(current, "aceptar"));
}

result<std::string> check_reject(proposal_status current, std::string_view reason) {
    if (current != proposal_status::pendiente && current != proposal_status::aceptada)
        return std::unexpected(wrong_status(current, "rechazar"));
    return clean_text(reason, {"reason", "el motivo del rechazo", 3, max_reason_chars, true});
}

status can_merge(std::int64_t id, proposal_status current, std::int64_t into,
                 proposal_status into_status) {
    if (id == into)
        return fail(error_kind::invalid, "merge_into_itself",
                    "Una propuesta no se puede fusionar consigo misma.", "into");
    if (current != proposal_status::pendiente && current != proposal_status::aceptada)
        return std::unexpected(wrong_status(current, "fusionar"));
    if (into_status != proposal_status::aceptada)
        return fail(error_kind::conflict, "merge_target_not_accepted",
                    "Solo se puede fusionar con una propuesta aceptada; la propuesta " +
                        std::to_string(into) + " está " + std::string(to_string(into_status)) + ".",
                    "into");
    return {};
}

} // namespace asamblea::domain
