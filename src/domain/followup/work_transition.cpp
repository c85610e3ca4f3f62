#include "domain/followup/work_transition.hpp"

#include "domain/followup/confirmation_rule.hpp"
#include "domain/followup/next_step.hpp"
#include "domain/followup/reason.hpp"

#include <string>

namespace asamblea::domain {
namespace {

std::string label(work_state s) {
    return std::string(work_state_label(s));
}

std::unexpected<error> missing(std::string code, std::string message) {
    return fail(error_kind::conflict, std::move(code), std::move(message), "state");
}

std::unexpected<error> not_allowed(work_state from, work_state to, std::string why = {}) {
    std::string message = "No se puede pasar de " + label(from) + " a " + label(to) + ".";
    if (!why.empty())
        message += " " + why;
    return fail(error_kind::conflict, "work_move_not_allowed", std::move(message), "state");
}

// The proof the forward move into `to` needs.
status check_proof(work_state to, const work_proof& proof) {
    if (to == work_state::contratado) {
        if (proof.quotes < required_quotes && !proof.quote_exception) {
            int n = required_quotes - proof.quotes;
            return missing(
                "quotes_missing",
                "Para contratar hacen falta 3 cotizaciones o una excepción por escrito; " +
                    (n == 1 ? std::string("falta 1 cotización.")
                            : "faltan " + std::to_string(n) + " cotizaciones."));
        }
        if (!proof.chosen_quote)
            return missing("quote_not_chosen",
                           "Para contratar falta elegir una de las cotizaciones.");
    }
    if (to == work_state::entregado) {
        if (proof.photos_after < 1)
            return missing("photo_after_missing",
                           "Para marcar la obra como entregada falta la foto de después.");
        if (!proof.entrega_recepcion)
            return missing("entrega_recepcion_missing",
                           "Para marcar la obra como entregada falta el acta de "
                           "entrega-recepción firmada.");
    }
    if (to == work_state::verificado && !confirmations_complete(proof.confirmations))
        return missing("confirmations_missing",
                       proof.confirmations.empty()
                           ? "Para verificar la obra hacen falta las confirmaciones de dos "
                             "integrantes del COSABI con cargos distintos."
                           : "Para verificar la obra falta la confirmación de otro integrante "
                             "del COSABI con un cargo distinto.");
    return {};
}

} // namespace

status check_move(const work_item& item, work_state to, const work_proof& proof,
                  std::string_view reason) {
    const work_state from = item.state;
    if (is_closed(from))
        return fail(error_kind::conflict, "work_closed",
                    "Esta obra ya está cerrada (" + label(from) + "): su estado no cambia.",
                    "state");
    if (to == work_state::cancelado)
        return check_reason(reason, "Escriba por qué se cancela la obra; la razón será pública.");
    if (to == work_state::detenido) {
        if (from == work_state::detenido)
            return not_allowed(from, to, "La obra ya está detenida.");
        return check_reason(reason, "Escriba por qué se detiene la obra; la razón será pública.");
    }
    if (from == work_state::detenido) {
        // A stored resumes_to that is itself detenido or closed is a bug; it must not reopen.
        bool resumable = item.resumes_to && *item.resumes_to != work_state::detenido &&
                         !is_closed(*item.resumes_to);
        if (!resumable || to != *item.resumes_to)
            return not_allowed(from, to,
                               resumable ? "Una obra detenida se reanuda en " +
                                               label(*item.resumes_to) + "."
                                         : std::string());
        return {};
    }
    if (to != next_after(from))
        return not_allowed(from, to,
                           next_after(from) != from
                               ? "El siguiente paso es " + label(next_after(from)) + "."
                               : std::string());
    return check_proof(to, proof);
}

result<work_item> apply_move(const work_item& item, work_state to, const work_proof& proof,
                             std::string_view reason) {
    if (auto ok = check_move(item, to, proof, reason); !ok)
        return std::unexpected(std::move(ok.error()));
    work_item out = item;
    out.resumes_to = to == work_state::detenido ? std::optional(item.state) : std::nullopt;
    out.state = to;
    return out;
}

std::vector<work_state> possible_moves(const work_item& item) {
    if (is_closed(item.state))
        return {};
    if (item.state == work_state::detenido) {
        std::vector<work_state> out;
        if (item.resumes_to && !is_closed(*item.resumes_to) &&
            *item.resumes_to != work_state::detenido)
            out.push_back(*item.resumes_to);
        out.push_back(work_state::cancelado);
        return out;
    }
    std::vector<work_state> out;
    if (item.state != work_state::entregado)
        out.push_back(next_after(item.state));
    out.push_back(work_state::detenido);
    out.push_back(work_state::cancelado);
    return out;
}

} // namespace asamblea::domain
